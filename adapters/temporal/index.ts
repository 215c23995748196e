import { scriptBeside } from '../../harness/kit.js';
import { temporalAdapter, typescriptWorker } from './adapter.js';

/** Temporal, used the way its docs say: activities with retries and idempotency keys, signals, durable timers. */
export const adapter = temporalAdapter({
  name: 'temporal',
  description: 'Temporal server (dev server, SQLite) + TypeScript SDK worker: the agent plan as a workflow, steps as activities',
  ...typescriptWorker(scriptBeside(import.meta.url, 'worker.js')),
});
