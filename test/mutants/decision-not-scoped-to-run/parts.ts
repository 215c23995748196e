import type { WorkerParts } from '../../../adapters/reference/parts.js';

// A decision is matched by the step id alone: the first answer given for that approval,
// in any run, answers every run that waits there.
export const parts: Partial<WorkerParts> = {
  decision(db, { stepId, deadline }) {
    const found = db.prepare('SELECT decision FROM inbox WHERE step_id = ? AND received_at <= ? ORDER BY seq LIMIT 1').get(stepId, deadline) as { decision: 'approve' | 'reject' } | undefined;
    return found?.decision ?? (Date.now() > deadline ? 'timed-out' : undefined);
  },
};
