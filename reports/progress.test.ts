import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../harness/report/case.js';
import { exploreProgress } from './explore-progress.js';
import { runProgress } from './progress.js';

/** A stderr that is not a terminal, keeping what was written. */
function pipe() {
  const out = { text: '', isTTY: false, write: (s: string) => void (out.text += s) };
  return out as typeof out & NodeJS.WriteStream;
}
const result = (id: string, verdict: CaseResult['verdict']): CaseResult => ({ id, scenario: id, category: 'timers', description: '', faults: [], verdict, properties: [], repro: 'r', dir: '/tmp/x', metrics: { durationMs: 1500, reExecutedLlmCalls: 0, wastedTokens: 0, recoveryMs: [], retries: 0, maxRetriesPerEffect: 0, workerStarts: 1 } });

describe('live progress is a reporter', () => {
  it('run: a line per finished case and per run of a repeated one, nothing redrawn off a terminal', () => {
    const out = pipe();
    const p = runProgress(out);
    p.onRunStart!({ seed: 1, concurrency: 1, outDir: '/tmp', total: 2 });
    p.onCaseStart!({ id: 'timers/a' });
    p.onRepetitionEnd!({ result: result('timers/a', 'pass'), run: 1, runs: 2 });
    p.onCaseEnd!({ result: { ...result('timers/a', 'pass'), repeats: { runs: 2, verdicts: { pass: 2, fail: 0, unknown: 0 }, properties: {} } }, done: 1, total: 2 });
    p.onCaseEnd!({ result: result('timers/b', 'fail'), done: 2, total: 2 });
    p.onRunEnd!();
    expect(out.text).toBe('  timers/a run 1/2: pass 1.5 s\n✓ [1/2] timers/a pass (pass 2/2) 1.5 s\n✗ [2/2] timers/b fail 1.5 s\n');
  });

  it('explore: off a terminal, a line for each failure and for the shrink', () => {
    const out = pipe();
    const p = exploreProgress(out);
    p.onRunStart!({ seed: 1, concurrency: 1, outDir: '/tmp', total: 100 });
    p.onCaseStart!({ id: '0' });
    p.onCaseEnd!({ result: result('explore-1-0', 'pass'), done: 1, total: 100, path: '0' });
    p.onCaseStart!({ id: '1' });
    p.onCaseEnd!({ result: result('explore-1-1', 'fail'), done: 2, total: 100, path: '1' });
    p.onShrinkStart!({ path: '1', steps: 4, faults: 2, failed: ['effects-exactly-once'], budgetMs: 120_000 });
    expect(out.text).toMatch(/^explore: 2\/100 cases, 1 failure, 0 running, ~\d+ s left \(case 1: fail\)\n/);
    expect(out.text).toContain('failure at case 1 (4 steps, 2 faults: effects-exactly-once); shrinking for up to 2 min\n');
  });
});
