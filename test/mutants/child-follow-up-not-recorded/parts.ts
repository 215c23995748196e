import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// What the parent does with a child's answer is handled like a callback on the answer,
// outside the journal: the step right after an agent step is never recorded. Each time
// the child's answer is handed to the parent again (every execution after a crash), the
// follow-up runs again.
export const parts: Partial<WorkerParts> = {
  record(db, run, stepId, result) {
    const i = run.plan.steps.findIndex((s) => s.id === stepId);
    if (run.plan.steps[i - 1]?.kind !== 'agent') correctParts.record(db, run, stepId, result);
  },
};
