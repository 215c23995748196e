import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callEffect, EffectCallError } from './client.js';
import { responseFor } from './response.js';
import { startLedger, type Ledger } from './server.js';
import { policyGate } from '../policy/rules.js';

let ledger: Ledger;
const file = () => join(mkdtempSync(join(tmpdir(), 'ledger-')), 'effects.jsonl');
afterEach(() => ledger?.close());

/** Resolves once the ledger holds the next request (its hold has begun): no guess at how long that takes on a loaded machine. */
const arrival = (l: Ledger) => new Promise<void>((r) => l.onRequest(() => setImmediate(r)));

describe('effect ledger', () => {
  it('binds to loopback and answers deterministically', async () => {
    ledger = await startLedger({ file: file() });
    expect(new URL(ledger.url).hostname).toBe('127.0.0.1');
    const value = await callEffect(ledger, { runId: 'r', stepId: 's', kind: 'tool', tool: 't' });
    expect(value).toBe(responseFor('s', 't'));
  });

  it('refuses and records a request without the run token', async () => {
    ledger = await startLedger({ file: file() });
    await expect(callEffect({ url: ledger.url, token: 'wrong' }, { runId: 'r', stepId: 's', kind: 'llm' })).rejects.toThrow(/401/);
    expect(ledger.events[0]).toMatchObject({ stepId: 's', outcome: 'refused' });
  });

  it('refuses a call an enforced policy forbids with a final 403, before any effect, counting only this run', async () => {
    const gate = policyGate([{ rule: 'call-budget', tool: 'pay', calls: 1, enforce: true }], () => undefined, () => 0);
    ledger = await startLedger({ file: file(), refuse: gate });
    const req = { runId: 'r', stepId: 'charge', kind: 'tool' as const, tool: 'pay' };
    await callEffect(ledger, req);
    await callEffect(ledger, { ...req, runId: 'other' });
    const refusal = await callEffect(ledger, req).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(EffectCallError);
    expect(refusal).toMatchObject({ retryable: false, status: 403, message: expect.stringContaining('HTTP 403') });
    expect(ledger.events.map((e) => [e.runId, e.outcome])).toEqual([['r', 'applied'], ['other', 'applied'], ['r', 'refused']]);
    expect(ledger.events[2].reason).toBe("policy call-budget: 1 call(s) of pay per run (enforced): charge was call 2 of pay, past the run's budget of 1");
  });

  it('applies an idempotency key once and answers the repeat the same', async () => {
    ledger = await startLedger({ file: file() });
    const req = { runId: 'r', stepId: 'charge', kind: 'tool' as const, idempotencyKey: 'k1' };
    const [a, b] = [await callEffect(ledger, req), await callEffect(ledger, req)];
    expect(a).toBe(b);
    expect(ledger.events.map((e) => [e.attempt, e.outcome])).toEqual([[1, 'applied'], [2, 'deduplicated']]);
  });

  it('fails a request as an interceptor says, and records it', async () => {
    ledger = await startLedger({ file: file() });
    let left = 2;
    ledger.intercept((req) => (req.stepId === 'flaky' && left-- > 0 ? { apply: false, reply: 'error' } : undefined));
    const req = { runId: 'r', stepId: 'flaky', kind: 'tool' as const };
    await expect(callEffect(ledger, req)).rejects.toBeInstanceOf(EffectCallError);
    await expect(callEffect(ledger, req)).rejects.toThrow(/503/);
    await callEffect(ledger, req);
    expect(ledger.events.map((e) => e.outcome)).toEqual(['failed', 'failed', 'applied']);
  });

  it('applies then drops the connection: the caller sees an error, the event says response-lost', async () => {
    ledger = await startLedger({ file: file() });
    ledger.intercept(() => ({ apply: true, reply: 'drop' }));
    await expect(callEffect(ledger, { runId: 'r', stepId: 'refund', kind: 'tool' })).rejects.toMatchObject({ retryable: true });
    expect(ledger.events[0].outcome).toBe('response-lost');
  });

  it('holds a request until its hold resolves, then answers', async () => {
    ledger = await startLedger({ file: file() });
    let release: () => void = () => undefined;
    ledger.intercept(() => ({ apply: true, reply: 'ok', hold: () => new Promise<void>((r) => (release = r)) }));
    const held = arrival(ledger);
    const pending = callEffect(ledger, { runId: 'r', stepId: 'slow', kind: 'llm' });
    await held;
    expect(ledger.events).toHaveLength(0);
    release();
    await pending;
    expect(ledger.events[0].outcome).toBe('applied');
  });

  it('a deduplicated answer the caller gave up on before it came is recorded as failed, not answered', async () => {
    ledger = await startLedger({ file: file() });
    const req = { runId: 'r', stepId: 'charge', kind: 'tool' as const, idempotencyKey: 'k1' };
    await callEffect(ledger, req);
    let release: () => void = () => undefined;
    ledger.intercept(() => ({ apply: true, reply: 'ok', hold: () => new Promise<void>((r) => (release = r)) }));
    const held = arrival(ledger);
    await expect(callEffect(ledger, req, 50)).rejects.toBeInstanceOf(EffectCallError);
    await held;
    // The caller's connection closes a moment after it gave up: the ledger must have seen it.
    await new Promise((r) => setTimeout(r, 50));
    release();
    await ledger.waitFor((e) => e.attempt === 2);
    expect(ledger.events.map((e) => [e.attempt, e.outcome, e.reason])).toEqual([
      [1, 'applied', undefined],
      [2, 'failed', 'caller gone before the deduplicated answer'],
    ]);
  });

  // An own agent's `hang` fault (decision 0093): held until the caller gives up or the case ends, never longer.
  describe('a call held until its caller gives up', () => {
    const hangOn = (apply: boolean) => ledger.intercept(() => ({ apply, reply: 'hang', untilCallerGone: true, reason: 'hang' }));
    const send = (signal?: AbortSignal) =>
      fetch(`${ledger.url}/effects`, { method: 'POST', signal, headers: { authorization: `Bearer ${ledger.token}` }, body: JSON.stringify({ runId: 'r', stepId: 'refund', kind: 'tool', idempotencyKey: 'k1' }) });

    it('applied, then held until the caller aborts: response-lost, hung until the caller gave up; a retry with the key is deduplicated', async () => {
      ledger = await startLedger({ file: file() });
      let first = true;
      ledger.intercept(() => (first ? ((first = false), { apply: true, reply: 'hang', untilCallerGone: true, reason: 'hang' }) : undefined));
      const caller = new AbortController();
      const held = arrival(ledger);
      const pending = send(caller.signal);
      await held;
      expect(ledger.events).toHaveLength(0);
      expect(ledger.openRequests()).toBe(1);
      caller.abort();
      await expect(pending).rejects.toThrow();
      const hung = await ledger.waitFor((e) => e.attempt === 1);
      expect(hung).toMatchObject({ outcome: 'response-lost', reason: 'hang', hung: { until: 'caller-gave-up', heldMs: expect.any(Number) } });
      expect((await send()).status).toBe(200);
      expect(ledger.events.map((e) => e.outcome)).toEqual(['response-lost', 'deduplicated']);
    });

    it('not applied, held until the case ends its hangs: failed, hung until the case ended; the caller waits until the ledger closes', async () => {
      ledger = await startLedger({ file: file() });
      hangOn(false);
      const held = arrival(ledger);
      let settled = false;
      const pending = send().finally(() => (settled = true));
      await held;
      expect(ledger.endHangs()).toBe(1);
      const hung = await ledger.waitFor((e) => e.attempt === 1);
      expect(hung).toMatchObject({ outcome: 'failed', hung: { until: 'case-ended' } });
      expect(ledger.endHangs()).toBe(0);
      await ledger.quiet(0, 1000);
      expect(ledger.openRequests()).toBe(0);
      // Recorded, yet still unanswered: the caller has nothing to act on after its run was judged over.
      expect(settled).toBe(false);
      await ledger.close();
      await expect(pending).rejects.toThrow();
    });

    it('a call still held when the ledger closes does not keep it open', async () => {
      ledger = await startLedger({ file: file() });
      hangOn(true);
      const held = arrival(ledger);
      const pending = send().catch((err: unknown) => err);
      await held;
      await ledger.close();
      expect(await pending).toBeInstanceOf(Error);
    });
  });

  // Decision 0054: the caller's timeout can win over an answer already written to its open socket.
  it('marks an answered event its caller abandoned, in memory and again in the file', async () => {
    const path = file();
    ledger = await startLedger({ file: path });
    const post = (url: string, body: object) =>
      fetch(`${ledger.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${ledger.token}` }, body: JSON.stringify(body) });
    expect((await post('/effects', { runId: 'r', stepId: 'charge', kind: 'tool', callId: 'c1' })).status).toBe(200);
    expect(ledger.events[0].abandonedAt).toBeUndefined();
    expect((await post('/abandoned', { runId: 'r', stepId: 'charge', callId: 'c1' })).status).toBe(204);
    expect(ledger.events[0]).toMatchObject({ outcome: 'applied', abandonedAt: expect.any(Number) });
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; abandonedAt?: number });
    expect(lines.map((l) => [l.seq, l.abandonedAt !== undefined])).toEqual([[1, false], [1, true]]);
  });

  it('marks an answer whose abandonment arrived first, and ignores a notice without the token', async () => {
    ledger = await startLedger({ file: file() });
    const post = (url: string, body: object, token = ledger.token) =>
      fetch(`${ledger.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    expect((await post('/abandoned', { runId: 'r', stepId: 'a', callId: 'c2' }, 'wrong')).status).toBe(400);
    await post('/effects', { runId: 'r', stepId: 'a', kind: 'llm', callId: 'c2' });
    expect((await post('/abandoned', { runId: 'r', stepId: 'b', callId: 'c3' })).status).toBe(204);
    await post('/effects', { runId: 'r', stepId: 'b', kind: 'llm', callId: 'c3' });
    expect(ledger.events.map((e) => [e.stepId, e.abandonedAt !== undefined])).toEqual([['a', false], ['b', true]]);
  });

  it('appends every event to its JSONL file as it happens', async () => {
    const path = file();
    ledger = await startLedger({ file: path });
    await callEffect(ledger, { runId: 'r', stepId: 'a', kind: 'llm' });
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { stepId: string });
    expect(lines.map((l) => l.stepId)).toEqual(['a']);
  });

  it('waitFor resolves on a past or future event and rejects when the ledger closes', async () => {
    ledger = await startLedger({ file: file() });
    await callEffect(ledger, { runId: 'r', stepId: 'a', kind: 'llm' });
    await expect(ledger.waitFor((e) => e.stepId === 'a')).resolves.toMatchObject({ stepId: 'a' });
    const never = ledger.waitFor((e) => e.stepId === 'zzz');
    await ledger.close();
    await expect(never).rejects.toThrow(/closed/);
  });

  it('ends a hang as soon as its caller gave up on it, so nothing waits out the rest', async () => {
    ledger = await startLedger({ file: file() });
    // Far longer than the test may take: only the caller's closed connection can end it.
    ledger.intercept(() => ({ apply: false, reply: 'hang', hangMs: 600_000, reason: 'injected timeout' }));
    await expect(callEffect(ledger, { runId: 'r', stepId: 'slow', kind: 'tool', tool: 't' }, 100)).rejects.toThrow();
    await expect(ledger.waitFor((e) => e.stepId === 'slow')).resolves.toMatchObject({ outcome: 'failed', reason: 'injected timeout' });
    expect(ledger.openRequests()).toBe(0);
  }, 30_000); // a hang that waited out its length would hold the test far longer: it then fails here
});
