import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLedger, type Ledger } from '../ledger/server.js';

// A payment API's idempotency key is held while its first request is in progress (decision
// 0103): a second request with it is refused with Stripe's 409, not queued behind the first;
// once the first is done, the same key gets the first answer.
describe('an idempotency key in use by a request still in progress', () => {
  let ledger: Ledger | undefined;
  afterEach(() => ledger?.close());

  const world = { runId: 'r', seed: 1, principal: 'u', model: [{ text: 'ok' }], hosts: { 'api.openai.com': { model: 'openai' as const, writes: [] }, 'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key' } } };
  const refund = (key: string) =>
    fetch(`${ledger!.url}/world`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ledger!.token}` },
      body: JSON.stringify({ method: 'POST', url: 'https://api.stripe.com/v1/refunds', headers: { 'idempotency-key': key, 'content-type': 'application/json' }, body: '{"charge":"ch_A","amount":1200}' }),
    });

  it('is refused with 409 idempotency_error while the first is held, and nothing happens; after it, the key gets the first answer', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    ledger = await startLedger({ file: join(mkdtempSync(join(tmpdir(), 'world-key-in-use-')), 'effects.jsonl'), world });
    // The first refund is held before it takes effect: received, still in progress.
    ledger.intercept((req) => (req.call?.nth === 1 ? { apply: true, reply: 'ok', hold: () => held } : undefined));
    const arrived = new Promise<void>((r) => ledger!.onRequest((req) => req.call?.nth === 1 && r()));
    const first = refund('k1');
    await arrived;

    const second = await refund('k1');
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: { type: 'idempotency_error', code: 'idempotency_key_in_use', message: expect.stringContaining("'k1' is in use by a request that is still in progress") } });
    // Another key is another refund, held by nobody.
    expect((await refund('k2')).status).toBe(200);

    release();
    const firstBody = await (await first).text();
    const third = await refund('k1');
    expect([third.status, await third.text()]).toEqual([200, firstBody]);

    expect(ledger.events.map((e) => [e.call?.nth, e.idempotencyKey?.split('\u0000').at(-1), e.outcome, e.keyInUseBy])).toEqual([
      [2, 'k1', 'failed', 1],
      [3, 'k2', 'applied', undefined],
      [1, 'k1', 'applied', undefined],
      [4, 'k1', 'deduplicated', undefined],
    ]);
    expect(ledger.events[0].reason).toBe('idempotency key in use by #1, still in progress: refused');
  });

  it('refuses nothing for an interpreter step (/effects): a second step with the key, the first still held, is answered as before', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    ledger = await startLedger({ file: join(mkdtempSync(join(tmpdir(), 'world-key-in-use-')), 'effects.jsonl') });
    ledger.intercept((_req, attempt) => (attempt === 1 ? { apply: true, reply: 'ok', hold: () => held } : undefined));
    const step = () =>
      fetch(`${ledger!.url}/effects`, { method: 'POST', headers: { authorization: `Bearer ${ledger!.token}` }, body: JSON.stringify({ runId: 'r', stepId: 's', kind: 'tool', tool: 'refund', mode: 'write', idempotencyKey: 'r\u0000s' }) });
    // Both steps are in the ledger, the first still held, before it is let go.
    let seen = 0;
    const bothArrived = new Promise<void>((r) => ledger!.onRequest(() => ++seen === 2 && r()));
    const first = step();
    const second = step();
    await bothArrived;
    release();
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await b.text()).toBe(await a.text());
    // The unheld one takes effect, the held one is answered with its answer: never a 409.
    expect(ledger.events.map((e) => [e.attempt, e.outcome, e.keyInUseBy])).toEqual([[2, 'applied', undefined], [1, 'deduplicated', undefined]]);
  });
});
