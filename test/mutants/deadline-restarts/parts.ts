import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The deadline is computed in memory when the wait begins, not stored: a restart waits the full time again.
export const parts: Partial<WorkerParts> = { deadline: (_db, _runId, _stepId, ms) => Date.now() + ms };
