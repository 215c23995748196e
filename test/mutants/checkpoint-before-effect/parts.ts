import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The step is checkpointed as done when it begins, before its effect: a crash in the
// middle leaves a "done" step with no result, and the restarted worker skips it.
export const parts: Partial<WorkerParts> = {
  begin(db, { runId }, stepId) {
    db.prepare(
      `INSERT INTO steps (run_id, step_id, status, attempts, started_at) VALUES (?, ?, 'done', 1, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET status = 'done', attempts = attempts + 1, started_at = excluded.started_at`,
    ).run(runId, stepId, Date.now());
  },
};
