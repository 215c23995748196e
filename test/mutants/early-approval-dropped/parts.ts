import type { WorkerParts } from '../../../adapters/reference/parts.js';

// Only decisions that arrive once the worker waits count: one given earlier is never seen.
export const parts: Partial<WorkerParts> = {
  decision(db, { runId, stepId, deadline, startedAt }) {
    const found = db.prepare('SELECT decision FROM inbox WHERE run_id = ? AND step_id = ? AND received_at >= ? AND received_at <= ? ORDER BY seq LIMIT 1').get(runId, stepId, startedAt, deadline) as { decision: 'approve' | 'reject' } | undefined;
    return found?.decision ?? (Date.now() > deadline ? 'timed-out' : undefined);
  },
};
