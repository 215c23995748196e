import { describe, expect, it } from 'vitest';
import { effectsOfRuns, expectAllPass, runBuiltIns } from './helpers.js';

// A lease found lost in one branch of a parallel group, while a sibling branch's call is
// in flight (found by exploration under a stalled event loop): the reference gave up the
// run at once, claimed it again and ran the sibling's call a second time in the same
// process. Every branch now settles before the run is given up.
describe('the reference runtime, its lease lost in one parallel branch', () => {
  it('resumes the run without running the sibling branch again', async () => {
    const report = await runBuiltIns('./test/fixtures/lease-lost-in-one-branch/index.ts', ['crash-recovery/crash-after-one-branch'], { concurrency: 1, timeoutMs: 20_000 });
    expectAllPass(report);
    const [effects] = effectsOfRuns(report, 'crash-recovery/crash-after-one-branch');
    const analyses = effects!.filter((e) => e.stepId === 'analyze-logs');
    expect(analyses.length).toBe(1);
  }, 60_000);
});
