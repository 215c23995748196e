import type { WorkerParts } from '../../../adapters/reference/parts.js';

// A refused tool call becomes the step's result, and the run goes on as if it had been made.
export const parts: Partial<WorkerParts> = { onRefused: (error) => `error: ${error.message}` };
