import { temporalAdapter } from '../temporal/adapter.js';
import { pythonWorkerOptions } from './adapter.js';

/** Temporal with the Python SDK, used the way its docs say: activities with retries, heartbeats and idempotency keys, signals, durable timers, child workflows. */
export const adapter = temporalAdapter({
  name: 'temporal-py',
  description: 'Temporal server (dev server, SQLite) + Python SDK worker: the agent plan as a workflow, steps as heartbeating activities, approvals as signals',
  ...pythonWorkerOptions('workflow'),
});
