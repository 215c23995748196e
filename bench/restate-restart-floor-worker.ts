// A bare Restate endpoint for Restate's own restart floor (bench/restate-restart-floor.ts),
// with nothing of agentcheck: the SDK served over HTTP/2 as an application serves it, and a
// workflow of two ctx.run steps that call nobody. Each attempt of `first` prints
// `attempt first`; started with `block`, it never ends: a call in flight when the
// endpoint is SIGKILLed. `listening` marks the endpoint ready, as in restate-floor-worker.ts.
import { createServer } from 'node:http2';
import * as restate from '@restatedev/restate-sdk';

const [port, mode] = process.argv.slice(2);
const restartFloor = restate.workflow({
  name: 'restartFloor',
  handlers: {
    run: async (ctx: restate.WorkflowContext) => {
      await ctx.run('first', async () => {
        console.log('attempt first');
        if (mode === 'block') await new Promise(() => undefined);
        return 'first:done';
      });
      await ctx.run('second', async () => 'second:done');
      return 'done';
    },
  },
});
createServer(restate.createEndpointHandler({ services: [restartFloor] })).listen(Number(port), '127.0.0.1', () => console.log('listening'));
