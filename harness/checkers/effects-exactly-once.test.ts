import { describe, expect, it } from 'vitest';
import { effectsExactlyOnce } from './effects-exactly-once.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';

const checkout = scenario({
  plan: {
    name: 'checkout',
    steps: [
      { kind: 'llm', id: 'plan' },
      { kind: 'tool', id: 'charge', tool: 'pay', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'charge', at: 'after-effect' }],
});

describe('effects-exactly-once', () => {
  it('passes when a retried write is deduplicated by its idempotency key', () => {
    const input = new HistoryBuilder()
      .effect('charge', 'response-lost', 10, { pid: 1, key: 'k' })
      .effect('charge', 'deduplicated', 300, { pid: 2, key: 'k' })
      .completed({})
      .input(checkout);
    expect(effectsExactlyOnce.check(input)?.verdict).toBe('pass');
  });

  it('fails when a write took effect twice, naming the step, attempts and fault', () => {
    const input = new HistoryBuilder()
      .effect('charge', 'response-lost', 10, { pid: 1 })
      .effect('charge', 'applied', 300, { pid: 2 })
      .completed({})
      .input(checkout);
    const r = effectsExactlyOnce.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'charge', attempts: [1, 2], fault: 'crash-worker after-effect charge (down 200 ms)' });
    expect(r.evidence[0].message).toContain('took effect 2 times');
  });

  it('fails when a completed run never applied a write, and is unknown when the run did not complete', () => {
    expect(effectsExactlyOnce.check(new HistoryBuilder().completed({}).input(checkout))?.verdict).toBe('fail');
    expect(effectsExactlyOnce.check(new HistoryBuilder().input(checkout))?.verdict).toBe('unknown');
  });

  it('does not count a failed attempt or another run', () => {
    const input = new HistoryBuilder()
      .effect('charge', 'failed', 10)
      .effect('charge', 'applied', 20)
      .effect('charge', 'applied', 30, { runId: 'other' })
      .completed({})
      .input(checkout);
    expect(effectsExactlyOnce.check(input)?.verdict).toBe('pass');
  });

  it('is not exercised by a plan without write steps', () => {
    const s = scenario({ plan: { name: 'p', steps: [{ kind: 'tool', id: 'r', tool: 't', mode: 'read' }] } });
    expect(effectsExactlyOnce.check(new HistoryBuilder().completed({}).input(s))).toBeUndefined();
  });
});
