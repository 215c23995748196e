import { describe, expect, it } from 'vitest';
import { compose } from './index.js';
import { mergeVerdicts, type Checker } from './verdict.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';

describe('verdicts compose', () => {
  it('fail outranks unknown outranks pass', () => {
    expect(mergeVerdicts(['pass', 'unknown', 'pass'])).toBe('unknown');
    expect(mergeVerdicts(['unknown', 'fail', 'pass'])).toBe('fail');
    expect(mergeVerdicts(['pass'])).toBe('pass');
  });

  it('a checker that throws yields unknown, and the others still run', () => {
    const broken: Checker = { id: 'ordering', check: () => { throw new Error('bug'); } };
    const fine: Checker = { id: 'completes', check: () => ({ verdict: 'pass', evidence: [] }) };
    const s = scenario({ plan: { name: 'p', steps: [{ kind: 'llm', id: 'x' }] } });
    const results = compose([broken, fine])(new HistoryBuilder().input(s));
    expect(results).toEqual([
      { id: 'ordering', verdict: 'unknown', evidence: [{ message: 'checker error: bug' }] },
      { id: 'completes', verdict: 'pass', evidence: [] },
    ]);
  });
});
