// Known-bad on purpose: the same workflow as adapters/dbos, but write tools are called
// straight from the workflow body, not in a step. DBOS recovers a workflow by running
// its body again from the top, skipping only recorded steps: the write runs again.
import { runWorker } from '../dbos/run-worker.js';

await runWorker('in-workflow-body');
