import type { Step } from '../../../harness/plan/index.js';
import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// A parallel step is the unit of retry: a failed call in one branch fails the whole step,
// which runs again from its first branch, forgetting what the others had finished.
const retried = new Set<string>();

const stepsOf = (steps: Step[]): Step[] =>
  steps.flatMap((s) => (s.kind === 'parallel' ? s.branches.flatMap(stepsOf) : s.kind === 'approval' ? [s, ...stepsOf([...s.approved, ...s.rejected])] : [s]));
/** The outermost parallel step holding `stepId`, wherever it sits in the plan. */
const groupOf = (steps: Step[], stepId: string): Extract<Step, { kind: 'parallel' }> | undefined => {
  for (const s of steps) {
    if (s.kind === 'parallel' && stepsOf(s.branches.flat()).some((x) => x.id === stepId)) return s;
    if (s.kind === 'approval') {
      const inner = groupOf([...s.approved, ...s.rejected], stepId);
      if (inner) return inner;
    }
  }
  return undefined;
};

export const parts: Partial<WorkerParts> = {
  fence(lease, runId, before, call) {
    if (!correctParts.fence(lease, runId, before, call)) return false;
    const group = call.attempt !== undefined && call.attempt > 1 ? groupOf(call.plan.steps, call.stepId) : undefined;
    if (!group || retried.has(`${runId}/${group.id}`)) return true;
    // The group's retry: its steps' results dropped, this execution given up, the run taken up again from the journal.
    retried.add(`${runId}/${group.id}`);
    const ids = stepsOf(group.branches.flat()).map((s) => s.id);
    call.db.prepare(`DELETE FROM steps WHERE run_id = ? AND step_id IN (${ids.map(() => '?').join(', ')})`).run(runId, ...ids);
    return false;
  },
};
