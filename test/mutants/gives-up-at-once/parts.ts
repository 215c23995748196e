import type { WorkerParts } from '../../../adapters/reference/parts.js';

// One attempt per call: a 503 from a flaky API fails the whole run.
export const parts: Partial<WorkerParts> = { maxAttempts: 1 };
