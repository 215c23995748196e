// Known-bad on purpose: the same workflow and activities as adapters/temporal, but the
// write activities call the outside world without an idempotency key. The textbook
// mistake of trusting "Temporal retries for me": an activity runs at least once, so
// a retry after a crash or a lost answer charges again.
import { ledgerFromEnv } from '../../harness/kit.js';
import { createActivities, type KeyRecipe } from '../temporal/activities.js';
import { runWorker } from '../temporal/run-worker.js';

const noKey: KeyRecipe = () => undefined;

await runWorker(() => createActivities(ledgerFromEnv(), noKey));
