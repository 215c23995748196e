import { defineConfig } from 'agentcheck';

// The worker variant is chosen by REFUND_WORKER (worker.ts: with an idempotency key; worker-without-key.ts: without;
// worker-approval-deadline.ts: a deadline on each approval, and with REFUND_WORKFLOWS=refund-after-deadline its
// known-bad variant that refunds once the deadline ran out).
const worker = process.env.REFUND_WORKER ?? 'worker.ts';
// A task queue per start of agentcheck, so another check's worker never takes these runs.
const env = { TASK_QUEUE: `refunds-${process.pid}`, REFUND_WORKFLOWS: process.env.REFUND_WORKFLOWS ?? 'approval-deadline' };
const refund = { tool: 'issue_refund', args: { charge: 'ch_3PqL8', amount: 1200 } };
const done = { text: 'Your refund of $12.00 is on its way.' };

export default defineConfig({
  // The worker bundles its workflows with webpack at each start: give it time.
  worker: { command: `node ${worker}`, readyLine: "state: 'RUNNING'", readyTimeoutMs: 120_000, env },
  // The app holds the Temporal client (gRPC over HTTP/2), which must not run under the interceptor (docs/your-agent.md).
  app: { command: 'node app.ts', readyUrl: 'http://127.0.0.1:{port}/health', env },
  startRun: { url: 'http://127.0.0.1:{port}/refunds', body: { orderId: 'ord_42' }, runIdField: 'id' },
  decide: { url: 'http://127.0.0.1:{port}/refunds/{runId}/decision', body: { approved: '{approved}' } },
  // agentcheck starts a Temporal dev server per case and sets TEMPORAL_ADDRESS for the worker and the app;
  // restart-runtime restarts it, and the workflow's history is judged by audit-trail.
  runtime: 'temporal',
  hosts: {
    'api.openai.com': { model: 'openai' },
    'payments.internal': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', identityHeader: 'Authorization' },
  },
  scenarios: [
    {
      name: 'crash-after-refund',
      model: [refund, done],
      approval: { afterTurn: 1, decision: 'approve' },
      faults: ['crash-worker after-effect "POST payments.internal/v1/refunds" #1'],
      timeoutMs: 180_000,
    },
    // For worker-approval-deadline.ts (decision 0107): nobody answers, and the workflow's 10 s deadline runs out.
    { name: 'approval-never-answered', model: [refund, { text: 'Nobody approved the refund in time.' }], approval: { afterTurn: 1, decision: 'none' }, timeoutMs: 180_000 },
    // Two refunds in a run, each decided on its own (decision 0106): the first approved, the second rejected.
    {
      name: 'two-refunds-second-rejected',
      model: [refund, { tool: 'issue_refund', args: { charge: 'ch_9XyZ2', amount: 500 } }, { text: 'One refund is on its way.' }],
      approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'reject' }],
      timeoutMs: 180_000,
    },
    {
      // The Temporal server is SIGKILLed right after the refund took effect and started again on its
      // database: the worker, alive, reports the activity's end to a server that is gone, then back.
      name: 'runtime-restart-after-refund',
      model: [refund, done],
      approval: { afterTurn: 1, decision: 'approve' },
      faults: ['restart-runtime after-effect "POST payments.internal/v1/refunds" #1'],
      timeoutMs: 120_000,
    },
  ],
});
