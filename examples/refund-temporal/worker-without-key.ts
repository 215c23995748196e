// The same worker with the refund activity that sends no idempotency key.
import { runWorker } from './worker.ts';

await runWorker(await import('./activities-without-key.ts'));
