import type { Step } from '../../../harness/plan/index.js';
import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// The steps a rejection leads to are checkpointed as one unit: their results wait in
// memory for the last of them, and a crash before it loses them all.
const waiting = new Map<string, [string, string][]>();
/** The rejected branch `stepId` sits in (directly), if any. */
const rejectedBranchOf = (steps: Step[], stepId: string): Step[] | undefined => {
  for (const s of steps) {
    if (s.kind === 'approval') {
      if (s.rejected.some((x) => x.id === stepId)) return s.rejected;
      const inner = rejectedBranchOf(s.approved, stepId) ?? rejectedBranchOf(s.rejected, stepId);
      if (inner) return inner;
    } else if (s.kind === 'parallel') {
      for (const b of s.branches) {
        const inner = rejectedBranchOf(b, stepId);
        if (inner) return inner;
      }
    }
  }
  return undefined;
};

export const parts: Partial<WorkerParts> = {
  record(db, run, stepId, result) {
    const branch = rejectedBranchOf(run.plan.steps, stepId);
    if (!branch) return correctParts.record(db, run, stepId, result);
    const key = `${run.runId}/${branch[0]!.id}`;
    const done = [...(waiting.get(key) ?? []), [stepId, result] as [string, string]];
    waiting.set(key, done);
    if (stepId !== branch.at(-1)!.id) return;
    for (const [id, r] of done) correctParts.record(db, run, id, r);
  },
};
