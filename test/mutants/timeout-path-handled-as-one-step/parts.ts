import type { Step } from '../../../harness/plan/index.js';
import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// The path a timeout chose is one unit, run by the timer's handler: its steps' results
// wait in memory for the last of them, and a crash before it loses them all.
const waiting = new Map<string, [string, string][]>();
type Approval = Extract<Step, { kind: 'approval' }>;
const leaves = (steps: Step[]): Step[] =>
  steps.flatMap((s) => (s.kind === 'parallel' ? s.branches.flatMap(leaves) : s.kind === 'approval' ? [s, ...leaves([...s.approved, ...s.rejected])] : [s]));
/** The approvals whose branches hold `stepId`, outermost first. */
const approvalsAbove = (steps: Step[], stepId: string, above: Approval[] = []): Approval[] | undefined => {
  for (const s of steps) {
    if (s.id === stepId) return above;
    if (s.kind === 'approval') {
      const inner = approvalsAbove([...s.approved, ...s.rejected], stepId, [...above, s]);
      if (inner) return inner;
    } else if (s.kind === 'parallel') {
      for (const b of s.branches) {
        const inner = approvalsAbove(b, stepId, above);
        if (inner) return inner;
      }
    }
  }
  return undefined;
};

export const parts: Partial<WorkerParts> = {
  record(db, run, stepId, result) {
    const resultOf = (id: string) => (db.prepare('SELECT result FROM steps WHERE run_id = ? AND step_id = ?').get(run.runId, id) as { result: string } | undefined)?.result;
    const timedOut = (approvalsAbove(run.plan.steps, stepId) ?? []).findLast((a) => resultOf(a.id) === 'timed-out');
    if (!timedOut) return correctParts.record(db, run, stepId, result);
    const path = leaves(timedOut.onTimeout === 'approve' ? timedOut.approved : timedOut.rejected);
    const key = `${run.runId}/${timedOut.id}`;
    const done = [...(waiting.get(key) ?? []), [stepId, result] as [string, string]];
    waiting.set(key, done);
    if (stepId !== path.at(-1)!.id) return;
    for (const [id, r] of done) correctParts.record(db, run, id, r);
  },
};
