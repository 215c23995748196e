import { describe, expect, it } from 'vitest';
import { noPhantomEffects } from './no-phantom-effects.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';

const refund = scenario({
  category: 'approvals',
  plan: {
    name: 'refund',
    steps: [
      {
        kind: 'approval',
        id: 'ok',
        timeoutMs: 100,
        approved: [{ kind: 'tool', id: 'refund', tool: 'pay', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'apology', tool: 'mail', mode: 'write' }],
      },
    ],
  },
  decisions: { ok: 'approve' },
  faults: [{ kind: 'approve-late', step: 'ok' }],
});

describe('no-phantom-effects', () => {
  it('passes when only the timed-out path ran', () => {
    const input = new HistoryBuilder().effect('ok', 'applied', 0, { kind: 'approval-request' }).effect('apology', 'applied', 120).input(refund);
    expect(noPhantomEffects.check(input)?.verdict).toBe('pass');
  });

  it('fails on a refund after the approval timed out', () => {
    const r = noPhantomEffects.check(new HistoryBuilder().effect('refund', 'applied', 500).input(refund))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'refund' });
    expect(r.evidence[0].message).toContain('ok timed-out');
  });

  it('fails on a step that is not in the plan, and on another run id', () => {
    const r = noPhantomEffects.check(new HistoryBuilder().effect('mystery', 'applied', 1).effect('apology', 'applied', 2, { runId: 'stranger' }).input(refund))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence).toHaveLength(2);
  });

  it('ignores requests that never took effect', () => {
    expect(noPhantomEffects.check(new HistoryBuilder().effect('refund', 'failed', 1).effect('refund', 'refused', 2).input(refund))?.verdict).toBe('pass');
  });
});
