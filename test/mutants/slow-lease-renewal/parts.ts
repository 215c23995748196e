import type { WorkerParts } from '../../../adapters/reference/parts.js';

// A 300 ms lease renewed every 400 ms: during a long call the lease runs out and a live second worker takes the run.
export const parts: Partial<WorkerParts> = { lease: { ms: 300, renewEveryMs: 400 } };
