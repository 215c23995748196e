import type { Step } from '../../../harness/plan/index.js';
import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// A parallel group is checkpointed as one unit: the results of finished branches wait in
// memory for the slowest one, and a crash before it loses them all.
const waiting = new Map<string, [string, string][]>();
const stepsOf = (steps: Step[]): Step[] => steps.flatMap((s) => (s.kind === 'parallel' ? s.branches.flatMap(stepsOf) : s.kind === 'approval' ? [s, ...stepsOf([...s.approved, ...s.rejected])] : [s]));

export const parts: Partial<WorkerParts> = {
  record(db, run, stepId, result) {
    const group = run.plan.steps.find((s) => s.kind === 'parallel' && stepsOf(s.branches.flat()).some((x) => x.id === stepId));
    if (group?.kind !== 'parallel') return correctParts.record(db, run, stepId, result);
    const done = [...(waiting.get(group.id) ?? []), [stepId, result] as [string, string]];
    waiting.set(group.id, done);
    if (done.length < stepsOf(group.branches.flat()).length) return;
    for (const [id, r] of done) correctParts.record(db, run, id, r);
  },
};
