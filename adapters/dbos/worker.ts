// The worker process of the dbos adapter: write tools run in keyed steps, as DBOS's docs teach.
import { runWorker } from './run-worker.js';

await runWorker('keyed-step');
