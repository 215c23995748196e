import type { WorkerParts } from '../../../adapters/reference/parts.js';

// One wake-up time per run, set by each wait as it begins (a `wake_at` column on the
// run's row, here the waits row '*'). A wait resumed after a restart reads it back: right
// when one wait is pending, the last one begun's deadline when several are.
export const parts: Partial<WorkerParts> = {
  deadline(db, runId, stepId, ms) {
    const begun = db.prepare('SELECT until FROM waits WHERE run_id = ? AND step_id = ?').get(runId, stepId);
    if (!begun) {
      const until = Date.now() + ms;
      db.prepare('INSERT INTO waits (run_id, step_id, until) VALUES (?, ?, ?)').run(runId, stepId, until);
      db.prepare(`INSERT INTO waits (run_id, step_id, until) VALUES (?, '*', ?) ON CONFLICT (run_id, step_id) DO UPDATE SET until = excluded.until`).run(runId, until);
      return until;
    }
    return (db.prepare(`SELECT until FROM waits WHERE run_id = ? AND step_id = '*'`).get(runId) as { until: number }).until;
  },
};
