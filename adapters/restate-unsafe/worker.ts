// The known-bad Restate worker: the same endpoint, with write tools outside ctx.run.
import { serveAgentWorkflow } from '../restate/endpoint.js';
import { writesOutsideRun } from './workflow.js';

await serveAgentWorkflow(writesOutsideRun);
