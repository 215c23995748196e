// The worker process of the temporal adapter: write tools carry Temporal's documented idempotency key.
import { ledgerFromEnv } from '../../harness/kit.js';
import { createActivities, runAndActivityId } from './activities.js';
import { runWorker } from './run-worker.js';

await runWorker(() => createActivities(ledgerFromEnv(), runAndActivityId));
