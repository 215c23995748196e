import { describe, expect, it } from 'vitest';
import { durableTimers } from './durable-timers.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';

const s = scenario({
  category: 'timers',
  plan: {
    name: 'nap',
    steps: [
      { kind: 'tool', id: 'before', tool: 't', mode: 'write' },
      { kind: 'sleep', id: 'nap', ms: 1000 },
      { kind: 'tool', id: 'after', tool: 't', mode: 'read' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'nap', at: 'sleeping' }],
});

describe('durable-timers', () => {
  it('passes when the sleep kept its deadline across a restart', () => {
    const input = new HistoryBuilder().effect('before', 'applied', 0).killed(100, 500).ready(101, 800).effect('after', 'applied', 1010, { pid: 101 }).input(s);
    expect(durableTimers.check(input)?.verdict).toBe('pass');
  });

  it('fails when the sleep was cut short', () => {
    const r = durableTimers.check(new HistoryBuilder().effect('before', 'applied', 0).effect('after', 'applied', 400).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('cut short');
  });

  it('fails when the sleep began again after the restart', () => {
    const r = durableTimers.check(new HistoryBuilder().effect('before', 'applied', 0).ready(100, 0).killed(100, 500).ready(101, 800).effect('after', 'applied', 1810, { pid: 101 }).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'nap' });
    expect(r.evidence[0].message).toContain('a whole sleep again');
  });

  it('is unknown when nothing around the sleep ran', () => {
    expect(durableTimers.check(new HistoryBuilder().input(s))?.verdict).toBe('unknown');
  });
});
