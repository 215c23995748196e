import type { WorkerParts } from '../../../adapters/reference/parts.js';

// Before 0007: the flag set by the renewal timer is checked before each step, and a retry
// of a call is not fenced at all. A worker that wakes from a stall retries its timed-out
// call on a run another worker has finished.
export const parts: Partial<WorkerParts> = { fence: (lease, runId, before) => before === 'retry' || !lease.lostByTimer(runId) };
