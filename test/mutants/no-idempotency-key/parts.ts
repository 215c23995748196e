import type { WorkerParts } from '../../../adapters/reference/parts.js';

// Writes go out without an idempotency key: a retry after a crash or a lost response charges again.
export const parts: Partial<WorkerParts> = { idempotencyKey: () => undefined };
