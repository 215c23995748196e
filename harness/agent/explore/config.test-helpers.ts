import { AgentConfig } from '../config.js';

// The shape of examples/refund-langgraph's config: a refund the agent asks a person about,
// a Slack webhook declared by wildcard, and a Python-like one without `decide`.
export const refund = { tool: 'issue_refund', args: { charge: 'ch_1', amount: 1200 } };
export const lookup = { tool: 'look_up_order', args: { order: 'ord_42' } };
export const langgraphLike = AgentConfig.parse({
  worker: { command: 'node server.ts', readyUrl: 'http://127.0.0.1:{port}/health' },
  startRun: { url: 'http://127.0.0.1:{port}/refunds' },
  decide: { url: 'http://127.0.0.1:{port}/refunds/{runId}/decision', body: { approved: '{approved}' } },
  hosts: {
    'api.openai.com': { model: 'openai' },
    'payments.internal': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key' },
    'hooks.slack.com': { writes: ['POST /services/*'] },
  },
  scenarios: [
    { name: 'approved', model: [lookup, refund, { text: 'done' }], approval: { afterTurn: 2, decision: 'approve' } },
    { name: 'rejected', model: [refund, { text: 'not approved' }], approval: { afterTurn: 1, decision: 'reject' }, timeoutMs: 20_000 },
    { name: 'lost', model: [refund, { text: 'done' }], approval: { afterTurn: 1, decision: 'approve' }, faults: ['fails "GET payments.internal/v1/orders/ord_42" #1'] },
  ],
});
