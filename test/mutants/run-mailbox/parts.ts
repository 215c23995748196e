import type { WorkerParts } from '../../../adapters/reference/parts.js';

// Decisions go to one mailbox per run, and each wait takes the next one: a decision is not
// matched to the approval it answers, so a duplicate click answers the following wait.
export const parts: Partial<WorkerParts> = {
  decision(db, { runId, deadline }) {
    const taken = db.prepare(`SELECT COUNT(*) AS n FROM steps WHERE run_id = ? AND status = 'done' AND result IN ('approved', 'rejected')`).get(runId) as { n: number };
    const found = db.prepare('SELECT decision FROM inbox WHERE run_id = ? AND received_at <= ? ORDER BY seq LIMIT 1 OFFSET ?').get(runId, deadline, taken.n) as { decision: 'approve' | 'reject' } | undefined;
    return found?.decision ?? (Date.now() > deadline ? 'timed-out' : undefined);
  },
};
