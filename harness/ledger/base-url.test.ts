import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseUrlEnvironment, baseUrlVariable, parseBaseUrlPath } from './base-url.js';
import { startLedger, type Ledger } from './server.js';

describe('base-URL paths and variables', () => {
  it('reads the token, the host and the rest of the path; anything else is not a base-URL path', () => {
    expect(parseBaseUrlPath('/base/t0k/payments.internal/v1/refunds?x=1')).toEqual({ token: 't0k', url: 'https://payments.internal/v1/refunds?x=1' });
    expect(parseBaseUrlPath('/base/t0k/localhost:8080')).toEqual({ token: 't0k', url: 'https://localhost:8080/' });
    expect(parseBaseUrlPath('/base/t0k/')).toBeUndefined();
    expect(parseBaseUrlPath('/world')).toBeUndefined();
  });

  it('names one variable per host, and the model SDKs\' own variables', () => {
    expect(baseUrlVariable('api.stripe.com')).toBe('AGENTCHECK_BASE_URL_API_STRIPE_COM');
    expect(baseUrlEnvironment('http://127.0.0.1:9', 'tk', { 'api.openai.com': { model: 'openai', writes: [] }, 'api.anthropic.com': { model: 'anthropic', writes: [] }, 'payments.internal': { writes: [] } })).toEqual({
      AGENTCHECK_BASE_URL_API_OPENAI_COM: 'http://127.0.0.1:9/base/tk/api.openai.com',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/base/tk/api.openai.com/v1',
      AGENTCHECK_BASE_URL_API_ANTHROPIC_COM: 'http://127.0.0.1:9/base/tk/api.anthropic.com',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/base/tk/api.anthropic.com',
      AGENTCHECK_BASE_URL_PAYMENTS_INTERNAL: 'http://127.0.0.1:9/base/tk/payments.internal',
    });
  });
});

// A call that arrives by base URL must be the same effect, with the same faults, as the
// same call forwarded by the interceptor: properties and faults name it one way.
describe('the world by base URL', () => {
  let ledger: Ledger | undefined;
  afterEach(() => ledger?.close());

  const world = {
    runId: 'r', seed: 1, principal: 'user-1',
    hosts: { 'api.openai.com': { model: 'openai' as const, writes: [] }, 'payments.internal': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', identityHeader: 'Authorization' } },
    model: [{ tool: 'issue_refund', args: { charge: 'ch_1' } }, { text: 'Refunded.' }],
  };
  const refund = { authorization: 'Bearer user-1', 'idempotency-key': 'k1', 'content-type': 'application/json' };

  it('records a base-URL call as the intercepted one: label, route, key, identity; faults and keys apply alike', async () => {
    ledger = await startLedger({ file: join(mkdtempSync(join(tmpdir(), 'base-url-')), 'effects.jsonl'), world });
    // The first refund's answer is lost, whichever way it came.
    ledger.intercept((req, attempt) => (req.call?.label === 'POST payments.internal/v1/refunds' && attempt === 1 ? { apply: true, reply: 'drop', reason: 'lost' } : undefined));
    const env = baseUrlEnvironment(ledger.url, ledger.token, world.hosts);
    const viaBase = await fetch(`${env.AGENTCHECK_BASE_URL_PAYMENTS_INTERNAL}/v1/refunds`, { method: 'POST', headers: refund, body: '{"charge":"ch_1"}' }).catch(() => 'network error');
    expect(viaBase).toBe('network error');
    // The interceptor's route (harness/intercept/forward.ts), the same call again.
    const viaWorld = await fetch(`${ledger.url}/world`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ledger.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', url: 'https://payments.internal/v1/refunds', headers: refund, body: '{"charge":"ch_1"}' }),
    });
    expect(viaWorld.status).toBe(200);
    const model = await fetch(`${env.OPENAI_BASE_URL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'refund' }] }) });
    expect(((await model.json()) as { choices: { message: { tool_calls: { function: { name: string } }[] } }[] }).choices[0].message.tool_calls[0].function.name).toBe('issue_refund');
    const [first, second, turn] = ledger.events;
    const { seq: _1, receivedAt: _2, finishedAt: _3, attempt: _4, outcome: _5, reason: _6, pid: _7, ...sameAsFirst } = first;
    expect(second).toMatchObject({ ...sameAsFirst, call: { ...first.call, nth: 2 } });
    expect([first.outcome, second.outcome, first.call?.identity, first.idempotencyKey]).toEqual(['response-lost', 'deduplicated', 'run', 'payments.internal\u0000k1']);
    expect([turn.stepId, turn.outcome, turn.call?.path]).toEqual(['chat.completions turn 1', 'applied', '/v1/chat/completions']);
  });

  it('refuses a base URL with another run\'s token, and records the refusal', async () => {
    ledger = await startLedger({ file: join(mkdtempSync(join(tmpdir(), 'base-url-')), 'effects.jsonl'), world });
    const res = await fetch(`${ledger.url}/base/not-the-token/payments.internal/v1/refunds`, { method: 'POST', headers: refund, body: '{}' });
    expect(res.status).toBe(401);
    expect(ledger.events.map((e) => [e.call?.label, e.outcome])).toEqual([['POST payments.internal/v1/refunds', 'refused']]);
  });
});
