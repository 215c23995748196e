import { defineConfig } from 'agentcheck';

// A Python agent: msw cannot reach into it, so it reaches the world by base URL
// (access: 'base-url'): agentcheck sets OPENAI_BASE_URL for the openai client and
// AGENTCHECK_BASE_URL_PAYMENTS_INTERNAL, which the command hands the agent as PAYMENTS_URL.
// The interpreter is the project's venv (npm run setup:python); yours would be your own.
// REFUND_TOOLS=tools_without_key runs the variant whose refund has no idempotency key,
// tools_key_per_user the one whose key names the customer rather than the refund;
// tools_retry_timeouts_only the one that retries a timeout but takes any error answer (a 409) as final;
// PAYMENTS_TIMEOUT_S sets how long the refund waits for an answer (urllib's timeout, 10 s by default).
const refund = { tool: 'issue_refund', args: { charge: 'ch_3PqL8', amount: 1200 } };
const done = { text: 'Your refund of $12.00 is on its way.' };
const paymentsTimeoutMs = Number(process.env.PAYMENTS_TIMEOUT_S ?? '10') * 1000;
const secondRefund = { tool: 'issue_refund', args: { charge: 'ch_9XyZ2', amount: 500 } };

export default defineConfig({
  access: 'base-url',
  worker: {
    command: 'PAYMENTS_URL=$AGENTCHECK_BASE_URL_PAYMENTS_INTERNAL exec ../../.cache/python/venv/bin/python agent.py',
    env: { OPENAI_API_KEY: 'sk-example', STATE_DIR: '{caseDir}/runs', REFUND_TOOLS: process.env.REFUND_TOOLS ?? 'tools', PAYMENTS_TIMEOUT_S: process.env.PAYMENTS_TIMEOUT_S ?? '10' },
    readyUrl: 'http://127.0.0.1:{port}/health',
  },
  startRun: { url: 'http://127.0.0.1:{port}/refunds', body: { orderId: 'ord_42' }, runIdField: 'id' },
  hosts: {
    'api.openai.com': { model: 'openai' },
    'payments.internal': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', identityHeader: 'Authorization' },
  },
  scenarios: [
    { name: 'refund', model: [refund, done] },
    { name: 'model-answer-lost', model: [refund, done], faults: ['response-lost "chat.completions" #1'] },
    { name: 'refund-answer-lost', model: [refund, done], faults: ['response-lost "POST payments.internal/v1/refunds" #1'] },
    { name: 'crash-after-refund', model: [refund, done], faults: ['crash-worker after-effect "POST payments.internal/v1/refunds" #1'], timeoutMs: 15000 },
    // Killed while the refund is in flight (the payments service completes it anyway), and while the model answers.
    { name: 'crash-during-refund', model: [refund, done], faults: ['crash-worker during-effect "POST payments.internal/v1/refunds" #1'], timeoutMs: 15000 },
    { name: 'crash-during-model', model: [refund, done], faults: ['crash-worker during-effect "chat.completions" #2'], timeoutMs: 15000 },
    // The payments service applies the refund and never answers: the tool's timeout gives up, its retry sends it again.
    { name: 'refund-hangs', model: [refund, done], faults: ['hang after-effect "POST payments.internal/v1/refunds" #1'], timeoutMs: 15000 },
    // The payments service is still working on the refund when the tool's timeout gives up: its retry
    // meets the key in use (409, decision 0103); the service finishes once that retry is answered.
    { name: 'refund-slow', model: [refund, done], faults: ['slow "POST payments.internal/v1/refunds" #1'], timeoutMs: paymentsTimeoutMs + 5000 },
    // The model never answers turn 2: the openai client waits 600 s by default, so the run never completes.
    { name: 'model-hangs', model: [refund, done], faults: ['hang "chat.completions" #2'], timeoutMs: 8000 },
    // Two refunds in one run: each needs a key of its own (REFUND_TOOLS=tools_key_per_user reuses one).
    { name: 'two-refunds', model: [refund, secondRefund, { text: 'Both refunds are on their way.' }], timeoutMs: 8000 },
  ],
});
