// The Restate worker: an SDK endpoint running the correct agent interpreter.
import { serveAgentWorkflow } from './endpoint.js';
import { journaledPrimitives } from './workflow.js';

await serveAgentWorkflow(journaledPrimitives);
