import { defineConfig } from 'agentcheck';

// The graph is chosen by REFUND_GRAPH (./graph.ts: approvers notified in a node of their
// own; ./graph-notify-then-interrupt.ts: notified in the node that calls interrupt();
// ./graph-caller-from-request.ts: the refund tool reads the caller from the request context).
const graph = process.env.REFUND_GRAPH ?? './graph.ts';
const refund = { tool: 'issue_refund', args: { charge: 'ch_3PqL8', amount: 1200 } };
const done = { text: 'Your refund of $12.00 is on its way.' };

export default defineConfig({
  worker: {
    command: 'node server.ts',
    readyUrl: 'http://127.0.0.1:{port}/health',
    // The checkpoints outlive a crash of the worker, not the case: they live in the case's folder.
    // ChatOpenAI needs a key to start; the scripted model never reads it.
    env: { REFUND_GRAPH: graph, CHECKPOINT_DB: '{caseDir}/checkpoints.sqlite', OPENAI_API_KEY: 'sk-not-sent-anywhere', PAYMENTS_SERVICE_KEY: 'sk_live_payments_service' },
  },
  startRun: { url: 'http://127.0.0.1:{port}/refunds', body: { orderId: 'ord_42' }, runIdField: 'id' },
  // Answered 409 until the run waits at its interrupt(); agentcheck tries again, as a person would.
  decide: { url: 'http://127.0.0.1:{port}/refunds/{runId}/decision', body: { approved: '{approved}' } },
  hosts: {
    'api.openai.com': { model: 'openai' },
    'payments.internal': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', identityHeader: 'Authorization' },
    'hooks.slack.com': { writes: ['POST /services/*'] },
  },
  scenarios: [
    { name: 'refund-approved', model: [refund, done], approval: { afterTurn: 1, decision: 'approve' } },
    { name: 'refund-rejected', model: [refund, { text: 'The refund was not approved.' }], approval: { afterTurn: 1, decision: 'reject' } },
    { name: 'model-answer-lost', model: [refund, done], approval: { afterTurn: 1, decision: 'approve' }, faults: ['response-lost "chat.completions" #1'] },
    { name: 'refund-answer-lost', model: [refund, done], approval: { afterTurn: 1, decision: 'approve' }, faults: ['response-lost "POST payments.internal/v1/refunds" #1'] },
    {
      name: 'crash-after-refund',
      model: [refund, done],
      approval: { afterTurn: 1, decision: 'approve' },
      faults: ['crash-worker after-effect "POST payments.internal/v1/refunds" #1'],
    },
    // A double-clicked approval: the same decision twice at once.
    { name: 'refund-approved-twice', model: [refund, done], approval: { afterTurn: 1, decision: 'approve', twice: true } },
    // Killed while the refund is in flight: the payments service completes it anyway.
    {
      name: 'crash-during-refund',
      model: [refund, done],
      approval: { afterTurn: 1, decision: 'approve' },
      faults: ['crash-worker during-effect "POST payments.internal/v1/refunds" #1'],
    },
  ],
});
