import type { Step } from '../../../harness/plan/index.js';
import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// The steps a human's rejection leads to call the outside world without a retry policy
// (the reject handler's plain call): their first failed attempt fails the run.
type Approval = Extract<Step, { kind: 'approval' }>;
/** The approvals whose rejected branch holds `stepId`. */
const rejectedAbove = (steps: Step[], stepId: string, above: Approval[] = []): Approval[] | undefined => {
  for (const s of steps) {
    if (s.id === stepId) return above;
    if (s.kind === 'approval') {
      const inner = rejectedAbove(s.approved, stepId, above) ?? rejectedAbove(s.rejected, stepId, [...above, s]);
      if (inner) return inner;
    } else if (s.kind === 'parallel') {
      for (const b of s.branches) {
        const inner = rejectedAbove(b, stepId, above);
        if (inner) return inner;
      }
    }
  }
  return undefined;
};

export const parts: Partial<WorkerParts> = {
  fence(lease, runId, before, call) {
    if (!correctParts.fence(lease, runId, before, call)) return false;
    if (call.attempt === undefined || call.attempt === 1) return true;
    const resultOf = (id: string) => (call.db.prepare('SELECT result FROM steps WHERE run_id = ? AND step_id = ?').get(runId, id) as { result: string } | undefined)?.result;
    if ((rejectedAbove(call.plan.steps, call.stepId) ?? []).some((a) => resultOf(a.id) === 'rejected')) throw new Error(`${call.stepId}: the call failed and the rejection path does not retry`);
    return true;
  },
};
