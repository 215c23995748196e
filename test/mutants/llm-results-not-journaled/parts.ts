import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// Model calls are effect-free, so their answers were left out of the journal: a restart pays for them again.
export const parts: Partial<WorkerParts> = {
  record(db, run, stepId, result) {
    const step = run.plan.steps.find((s) => s.id === stepId);
    if (step?.kind !== 'llm') correctParts.record(db, run, stepId, result);
  },
};
