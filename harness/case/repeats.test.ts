import { describe, expect, it } from 'vitest';
import type { PropertyResult } from '../checkers/verdict.js';
import { describeRepeats } from '../report/repeats.js';
import { mergeRepeats } from './repeats.js';
import type { CaseResult, CaseVerdict } from './run-case.js';

function run(n: number, verdict: CaseVerdict, properties: PropertyResult[] = []): CaseResult {
  return { id: 'approvals/x', scenario: 'approvals/x', category: 'approvals', description: '', faults: [], verdict, properties, repro: 'r', dir: `/tmp/x.run${n}` };
}
const passing: PropertyResult[] = [
  { id: 'completes', verdict: 'pass', evidence: [] },
  { id: 'effects-exactly-once', verdict: 'pass', evidence: [] },
];
const twice: PropertyResult[] = [
  { id: 'completes', verdict: 'pass', evidence: [] },
  { id: 'effects-exactly-once', verdict: 'fail', evidence: [{ message: 'deploy took effect 2 times', step: 'deploy' }] },
];

describe('mergeRepeats', () => {
  it('keeps a case run once as it is', () => {
    const one = run(1, 'fail', twice);
    expect(mergeRepeats([one])).toBe(one);
  });

  it('passes only if every run passed, and counts them', () => {
    const merged = mergeRepeats([run(1, 'pass', passing), run(2, 'pass', passing), run(3, 'pass', passing)]);
    expect(merged.verdict).toBe('pass');
    expect(merged.repeats).toEqual({ runs: 3, verdicts: { pass: 3, fail: 0, unknown: 0 }, properties: {} });
    expect(describeRepeats(merged)).toBe('pass 3/3');
  });

  it('counts the runs without the race their fault sets up, and says which from the first of them', () => {
    const idle = { ...run(2, 'pass', passing), observed: ['second-worker: the second worker (pid 22) made no call'] };
    const merged = mergeRepeats([run(1, 'pass', passing), idle, { ...idle, dir: '/tmp/x.run3' }]);
    expect(merged.repeats?.observed).toBe(2);
    expect(merged.observed).toEqual(['second-worker: the second worker (pid 22) made no call']);
    expect(mergeRepeats([run(1, 'pass', passing), run(2, 'pass', passing)]).observed).toBeUndefined();
  });

  it('fails when one run of several failed, with that run\'s evidence and record', () => {
    const merged = mergeRepeats([run(1, 'pass', passing), run(2, 'fail', twice), run(3, 'pass', passing)]);
    expect(merged.verdict).toBe('fail');
    expect(merged.dir).toBe('/tmp/x.run2');
    const p = merged.properties.find((x) => x.id === 'effects-exactly-once')!;
    expect(p.verdict).toBe('fail');
    expect(p.evidence).toEqual([{ message: 'run 2/3: deploy took effect 2 times', step: 'deploy' }]);
    expect(merged.properties.find((x) => x.id === 'completes')?.verdict).toBe('pass');
    expect(merged.repeats?.properties).toEqual({ 'effects-exactly-once': { fail: 1, unknown: 0 } });
    expect(describeRepeats(merged)).toBe('fail 1/3, pass 2/3');
  });

  it('is undecided when no run failed but one could not be judged', () => {
    const undecided = { ...run(2, 'unknown'), error: 'a fault could not be injected' };
    const merged = mergeRepeats([run(1, 'pass', passing), undecided]);
    expect(merged.verdict).toBe('unknown');
    expect(merged.error).toBe('a fault could not be injected');
    expect(describeRepeats(merged)).toBe('unknown 1/2, pass 1/2');
  });

  it('keeps a skipped case as skipped', () => {
    expect(mergeRepeats([run(1, 'skipped')]).verdict).toBe('skipped');
  });
});
