import type { WorkerParts } from '../../../adapters/reference/parts.js';
import { correctParts } from '../../../dist/adapters/reference/parts.js';

// The approval request (a Slack message, an email) goes out without a key: every restart of
// the wait sends it again, and the approver gets it again.
export const parts: Partial<WorkerParts> = {
  idempotencyKey: (call) => (call.request === 'approval-request' ? undefined : correctParts.idempotencyKey(call)),
};
