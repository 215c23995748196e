import { scriptBeside } from '../../harness/kit.js';
import { temporalAdapter, typescriptWorker } from '../temporal/adapter.js';

/** Known-bad on purpose: Temporal used without idempotency keys on write activities. agentcheck must catch it. */
export const adapter = temporalAdapter({
  name: 'temporal-unsafe',
  description: 'known-bad: the temporal adapter with write activities that send no idempotency key (at-least-once activities repeat the write)',
  ...typescriptWorker(scriptBeside(import.meta.url, 'worker.js')),
});
