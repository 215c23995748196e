import { scriptBeside } from '../../harness/kit.js';
import { dbosAdapter } from './adapter.js';

/** DBOS Transact, used the way its docs say: a workflow, steps with retries and keyed writes, recv/send, durable sleep. */
export const adapter = dbosAdapter({
  name: 'dbos',
  description: 'DBOS Transact (TypeScript SDK) on Postgres: the agent plan as a workflow, steps via DBOS.runStep, approvals via DBOS.recv/send',
  workerScript: scriptBeside(import.meta.url, 'worker.js'),
});
