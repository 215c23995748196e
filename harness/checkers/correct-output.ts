import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/** The run's output equals the oracle's. */
export const correctOutput: Checker = {
  id: 'correct-output',
  check({ history, oracle }) {
    // A run a policy stops has no output to compare; completing anyway is `completes`'s and `policy`'s failure.
    if (oracle.refused) return undefined;
    if (history.result?.status !== 'completed') return unknown('the run returned no output to compare');
    const got = history.result.output;
    const evidence: Evidence[] = [];
    for (const part of ['results', 'decisions'] as const) {
      const want = oracle.output[part] as Record<string, string>;
      const have = (got?.[part] ?? {}) as Record<string, string>;
      for (const key of new Set([...Object.keys(want), ...Object.keys(have)])) {
        if (want[key] !== have[key]) {
          evidence.push({ step: key, message: `${part}.${key}: expected ${JSON.stringify(want[key])}, got ${JSON.stringify(have[key])}` });
        }
      }
    }
    return evidence.length ? failWith(evidence) : pass();
  },
};
