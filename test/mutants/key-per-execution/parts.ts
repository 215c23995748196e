import { randomUUID } from 'node:crypto';
import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// A key is made when the step starts (a UUID), not derived from the run and the step:
// retries within one execution share it, a re-execution after a crash does not.
export const parts: Partial<WorkerParts> = {
  idempotencyKey: (call) => (correctParts.idempotencyKey(call) === undefined ? undefined : randomUUID()),
};
