import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The parent, still alive, sees its child's lease run out (the child's worker died) and
// starts another child under a fresh id instead of waiting for the first to be resumed.
export const parts: Partial<WorkerParts> = {
  silentChild: 'start-another',
};
