import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLedger, type Ledger } from '../ledger/server.js';
import { canonicalBody } from './services.js';

// A payment API's idempotency key is for one request (decision 0094): the same key with
// another body is refused with Stripe's error, never answered with the first refund.
describe('an idempotency key reused for another request', () => {
  let ledger: Ledger | undefined;
  afterEach(() => ledger?.close());

  const refund = (key: string, body: string, contentType = 'application/json') =>
    fetch(`${ledger!.url}/world`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ledger!.token}` },
      body: JSON.stringify({ method: 'POST', url: 'https://api.stripe.com/v1/refunds', headers: { 'idempotency-key': key, 'content-type': contentType }, body }),
    });

  it('is refused with 400 idempotency_error and takes no effect; the same request again, its fields in another order, is deduplicated', async () => {
    ledger = await startLedger({
      file: join(mkdtempSync(join(tmpdir(), 'world-key-')), 'effects.jsonl'),
      world: { runId: 'r', seed: 1, principal: 'u', model: [{ text: 'ok' }], hosts: { 'api.openai.com': { model: 'openai', writes: [] }, 'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key' } } },
    });
    const first = await refund('k1', '{"charge":"ch_A","amount":1200}');
    expect(first.status).toBe(200);
    const firstBody = await first.text();

    const other = await refund('k1', '{"charge":"ch_B","amount":500}');
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({ error: { type: 'idempotency_error', message: expect.stringContaining("'k1' was first used with a different request") } });

    const again = await refund('k1', '{"amount":1200,"charge":"ch_A"}');
    expect([again.status, await again.text()]).toEqual([200, firstBody]);
    // Another key is another refund.
    expect((await refund('k2', '{"charge":"ch_B","amount":500}')).status).toBe(200);

    expect(ledger.events.map((e) => [e.call?.nth, e.outcome, e.keyReusedFrom])).toEqual([
      [1, 'applied', undefined],
      [2, 'failed', 1],
      [3, 'deduplicated', undefined],
      [4, 'applied', undefined],
    ]);
    expect(ledger.events[1].reason).toBe('idempotency key first used with another request (#1): refused');
  });

  // Qonto and PayPal answer a known key with its first answer, whatever the body (decision 0109).
  it("on a host with reusedKey 'first-answer', answers another request under a known key with the first answer, recorded deduplicated and reused, and nothing happens", async () => {
    ledger = await startLedger({
      file: join(mkdtempSync(join(tmpdir(), 'world-key-')), 'effects.jsonl'),
      world: { runId: 'r', seed: 1, principal: 'u', model: [{ text: 'ok' }], hosts: { 'api.openai.com': { model: 'openai', writes: [] }, 'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key', reusedKey: 'first-answer' } } },
    });
    const first = await refund('k1', '{"charge":"ch_A","amount":1200}');
    const firstBody = await first.text();
    const other = await refund('k1', '{"charge":"ch_B","amount":500}');
    expect([other.status, await other.text()]).toEqual([200, firstBody]);
    const again = await refund('k1', '{"amount":1200,"charge":"ch_A"}');
    expect([again.status, await again.text()]).toEqual([200, firstBody]);
    expect(ledger.events.map((e) => [e.call?.nth, e.outcome, e.keyReusedFrom])).toEqual([
      [1, 'applied', undefined],
      [2, 'deduplicated', 1],
      [3, 'deduplicated', undefined],
    ]);
    expect(ledger.events[1].reason).toBe('idempotency key first used with another request (#1): answered with its answer');
  });

  it('compares parameters, not bytes: JSON in any key order, a form in any field order', () => {
    expect(canonicalBody('{"b":{"y":1,"x":2},"a":[{"d":1,"c":2}]}')).toBe(canonicalBody('{"a":[{"c":2,"d":1}],"b":{"x":2,"y":1}}'));
    expect(canonicalBody('amount=1200&charge=ch_A', 'application/x-www-form-urlencoded')).toBe(canonicalBody('charge=ch_A&amount=1200', 'application/x-www-form-urlencoded'));
    expect(canonicalBody('{"charge":"ch_A"}')).not.toBe(canonicalBody('{"charge":"ch_B"}'));
    expect(canonicalBody('not json')).toBe('not json');
  });
});
