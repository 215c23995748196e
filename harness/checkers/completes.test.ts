import { describe, expect, it } from 'vitest';
import { completes } from './completes.js';
import { correctOutput } from './correct-output.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';
import { responseFor } from '../ledger/response.js';

const s = scenario({ plan: { name: 'p', steps: [{ kind: 'tool', id: 'look', tool: 'kb', mode: 'read' }] } });

describe('completes', () => {
  it('passes on a completed run', () => {
    expect(completes.check(new HistoryBuilder().completed({}).input(s))?.verdict).toBe('pass');
  });
  it('fails on a failed run, quoting its error', () => {
    const r = completes.check(new HistoryBuilder().failed('boom').input(s))!;
    expect(r).toMatchObject({ verdict: 'fail', evidence: [{ message: 'the run failed: boom' }] });
  });
  it('fails on no result, naming the last effect seen', () => {
    const r = completes.check(new HistoryBuilder().effect('look', 'failed', 40).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('last effect look failed');
  });
});

describe('correct-output', () => {
  it('passes when the output equals the oracle', () => {
    const input = new HistoryBuilder().completed({ results: { look: responseFor('look', 'kb') } }).input(s);
    expect(correctOutput.check(input)?.verdict).toBe('pass');
  });
  it('fails on a wrong or missing value, naming the key', () => {
    const r = correctOutput.check(new HistoryBuilder().completed({ results: { look: 'stale' } }).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'look' });
  });
  it('is unknown without an output', () => {
    expect(correctOutput.check(new HistoryBuilder().failed('x').input(s))?.verdict).toBe('unknown');
  });
});
