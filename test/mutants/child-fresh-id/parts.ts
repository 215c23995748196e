import { randomUUID } from 'node:crypto';
import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The child's id is made when the agent step runs, not derived from the parent's: a
// parent that re-runs its agent step after a crash starts a second child.
export const parts: Partial<WorkerParts> = {
  childRunId: (parentRunId, step) => `${parentRunId}/${step.id}/${randomUUID().slice(0, 8)}`,
};
