import type { Adapter } from '../../harness/index.js';
import { scriptBeside } from '../../harness/kit.js';
import { restateAdapter } from './adapter.js';

/** Restate: a real restate-server and an SDK endpoint worker running the agent as a workflow. */
export const adapter: Adapter = restateAdapter({
  name: 'restate',
  description: 'restate-server + TypeScript SDK endpoint: agent as a workflow, ctx.run steps, durable promises, ctx.sleep',
  workerScript: () => scriptBeside(import.meta.url, 'worker.js'),
});
