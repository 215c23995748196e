import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The first decision in the inbox wins, whenever it arrived: the deadline only ends the wait when the inbox is empty.
export const parts: Partial<WorkerParts> = {
  decision(db, { runId, stepId, deadline }) {
    const found = db.prepare('SELECT decision FROM inbox WHERE run_id = ? AND step_id = ? ORDER BY seq LIMIT 1').get(runId, stepId) as { decision: 'approve' | 'reject' } | undefined;
    return found?.decision ?? (Date.now() > deadline ? 'timed-out' : undefined);
  },
};
