import fc from 'fast-check';
import type { GeneratedScenario } from './arbitrary/scenario.js';
import type { RanCase, RunOne } from './run-generated.js';

export interface SearchOptions {
  seed: number;
  signal?: AbortSignal;
  /** Stop generating after this many cases (undefined: until the time limit). */
  runs?: number;
  /** Stop starting new cases after this long. */
  timeLimitMs?: number;
  concurrency: number;
  onCaseStart?: (path: string) => void;
  onCaseEnd?: (c: RanCase) => void;
}

export type SearchedCase = RanCase & { index: number; /** ms from the start of the search to this case's end */ endedAfterMs: number };

export interface SearchResult {
  /** The failing case with the lowest index: the one a one-at-a-time search finds first. */
  failure?: SearchedCase;
  cases: SearchedCase[];
  /** Stopped by the time limit (not by --runs or a failure). */
  timeUp: boolean;
}

/**
 * Generate cases with fast-check and run them, `concurrency` at a time. fast-check's
 * own runner draws the values (so run i here is run i of a later `fc.check` with the
 * same seed, which the shrinker relies on); the property only hands each value to a
 * free lane and returns at once. A failure, the time limit or an interrupt stops
 * generation; cases already running finish and are kept.
 */
export async function search(runOne: RunOne, arbitrary: fc.Arbitrary<GeneratedScenario>, opts: SearchOptions): Promise<SearchResult> {
  const started = Date.now();
  const lanes = new Set<Promise<void>>();
  const cases: SearchedCase[] = [];
  let failed = false;
  let timeUp = false;
  let index = 0;
  let broken: Error | undefined;
  const shouldStop = () => {
    if (opts.timeLimitMs !== undefined && Date.now() - started >= opts.timeLimitMs) timeUp = true;
    return failed || timeUp || broken !== undefined || Boolean(opts.signal?.aborted);
  };
  const property = fc.asyncProperty(arbitrary, async (generated) => {
    while (lanes.size >= opts.concurrency && !shouldStop()) await Promise.race(lanes);
    // Interrupting (not failing) ends fast-check's loop without a shrink.
    if (shouldStop()) throw new fc.PreconditionFailure(true);
    const i = index++;
    const path = String(i);
    opts.onCaseStart?.(path);
    const lane: Promise<void> = runOne(generated, path, 'explore')
      .then((c) => {
        if (opts.signal?.aborted && c.result.verdict === 'unknown') return;
        cases.push({ ...c, index: i, endedAfterMs: Date.now() - started });
        if (c.result.verdict === 'fail') failed = true;
        opts.onCaseEnd?.(c);
      })
      .catch((err: Error) => void (broken ??= err))
      .finally(() => lanes.delete(lane));
    lanes.add(lane);
    return true;
  });
  await fc.check(property, { seed: opts.seed, numRuns: opts.runs ?? 2 ** 31 - 1, endOnFailure: true });
  await Promise.all(lanes);
  // The harness itself broke (not the runtime): that is not a finding.
  if (broken) throw broken;
  cases.sort((a, b) => a.index - b.index);
  const failure = cases.find((c) => c.result.verdict === 'fail');
  return { cases, timeUp, ...(failure ? { failure } : {}) };
}
