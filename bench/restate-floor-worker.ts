// A bare Restate endpoint, as an application would start one, with nothing of
// agentcheck: import the SDK, serve one workflow over HTTP/2 on a loopback port, and
// say so once it listens. bench/restate-floor.ts times it from spawn.
import { createServer } from 'node:http2';
import * as restate from '@restatedev/restate-sdk';

const floor = restate.workflow({ name: 'floor', handlers: { run: async (_ctx: restate.WorkflowContext, input: string) => input } });
const server = createServer(restate.createEndpointHandler({ services: [floor] }));
server.listen(0, '127.0.0.1', () => console.log('listening'));
