import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The run's trace context is kept in memory only: a worker that resumes the run after a
// crash finds none and starts a trace of its own, unrelated to the first.
export const parts: Partial<WorkerParts> = { runTrace: { storedTrace: () => undefined, storeTrace: () => undefined } };
