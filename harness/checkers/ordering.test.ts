import { describe, expect, it } from 'vitest';
import { ordering } from './ordering.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';

const s = scenario({
  plan: {
    name: 'fan',
    steps: [
      { kind: 'llm', id: 'plan' },
      { kind: 'parallel', id: 'both', branches: [[{ kind: 'tool', id: 'a', tool: 't', mode: 'write' }], [{ kind: 'tool', id: 'b', tool: 't', mode: 'write' }]] },
      { kind: 'llm', id: 'sum' },
    ],
  },
});

describe('ordering', () => {
  it('passes when branches overlap but the join waits for both', () => {
    const input = new HistoryBuilder().effect('plan', 'applied', 0).effect('a', 'applied', 5, { took: 20 }).effect('b', 'applied', 6, { took: 2 }).effect('sum', 'applied', 30).input(s);
    expect(ordering.check(input)?.verdict).toBe('pass');
  });

  it('fails when a step starts before the branch it joins has finished', () => {
    const r = ordering.check(new HistoryBuilder().effect('plan', 'applied', 0).effect('a', 'applied', 5, { took: 50 }).effect('b', 'applied', 6).effect('sum', 'applied', 20).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'sum' });
    expect(r.evidence[0].message).toContain('before a completed');
  });

  it('fails when a step runs though its predecessor never completed', () => {
    const r = ordering.check(new HistoryBuilder().effect('plan', 'failed', 0).effect('a', 'applied', 5).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('never completed');
  });
});
