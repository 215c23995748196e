import type { WorkerParts } from '../../../adapters/reference/parts.js';

// The key is built from the step id alone: unique within a run, so every single-run test
// passes, but a second run's charge carries the first run's key and is "deduplicated".
export const parts: Partial<WorkerParts> = {
  idempotencyKey({ step, request }) {
    if (request === 'approval-request') return `${step.id}/request`;
    return step.kind === 'tool' && step.mode === 'write' ? step.id : undefined;
  },
};
