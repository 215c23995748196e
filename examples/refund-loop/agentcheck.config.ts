import { defineConfig } from 'agentcheck';

const refund = { tool: 'issue_refund', args: { charge: 'ch_3PqL8', amount: 1200 } };
const done = { text: 'Your refund of $12.00 is on its way.' };

export default defineConfig({
  worker: { command: 'node server.ts', readyUrl: 'http://127.0.0.1:{port}/health' },
  startRun: { url: 'http://127.0.0.1:{port}/refunds', body: { orderId: 'ord_42' }, runIdField: 'id' },
  decide: { url: 'http://127.0.0.1:{port}/refunds/{runId}/decision', body: { approved: '{approved}' } },
  hosts: {
    'api.openai.com': { model: 'openai' },
    'payments.internal': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', identityHeader: 'Authorization' },
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
      timeoutMs: 8000,
    },
  ],
});
