import fc from 'fast-check';
import type { GeneratedScenario } from './arbitrary/scenario.js';
import { type Lanes, lanesNow } from '../lanes.js';
import type { RanCase } from './run-generated.js';
import type { Steering } from './steer.js';

/** What the search needs of a case it ran: its verdict. Plans (RanCase) and your own agent's model scripts both are one. */
export interface Verdicted {
  result: { verdict: string };
}

export interface SearchOptions<G = GeneratedScenario, R extends Verdicted = RanCase> {
  seed: number;
  signal?: AbortSignal;
  /** Stop generating after this many cases (undefined: until the time limit). */
  runs?: number;
  /** Stop starting new cases after this long. */
  timeLimitMs?: number;
  /** Cases at once: a number, or asked each time a case would start (explore --concurrency auto). */
  concurrency: Lanes;
  /** Choose each case among several candidates, toward uncovered cells (undefined: every value in turn). */
  steer?: Steering<G>;
  onCaseStart?: (path: string) => void;
  onCaseEnd?: (c: R) => void;
  /**
   * Which finished cases `cases` lists (default: all). explore keeps only its failures and
   * counts the rest as they end, so an overnight run holds no memory per case.
   */
  keep?: (c: R) => boolean;
}

export type SearchedCase<R extends Verdicted = RanCase> = R & {
  /** Its place in the seed's stream of values: its path. */
  index: number;
  /** How many cases had started before it, plus one (the index too, unless steered). */
  nth: number;
  /** ms from the start of the search to this case's end */
  endedAfterMs: number;
};

export interface SearchResult<R extends Verdicted = RanCase> {
  /** The failing case with the lowest index: the one a one-at-a-time search finds first. */
  failure?: SearchedCase<R>;
  /** The cases that ran and that `keep` kept, by index. */
  cases: SearchedCase<R>[];
  /** Stopped by the time limit (not by --runs or a failure). */
  timeUp: boolean;
}

/**
 * Generate cases with fast-check and run them, `concurrency` at a time. fast-check's
 * own runner draws the values (so run i here is run i of a later `fc.check` with the
 * same seed, which the shrinker relies on); the property only hands each value to a
 * free lane and returns at once. Steered, each case is chosen among `steer.window`
 * values in a row, and keeps its own place in the stream as its path. A failure, the
 * time limit or an interrupt stops generation; cases already running finish and are kept.
 */
export async function search<G, R extends Verdicted>(
  runOne: (generated: G, path: string, phase: 'explore') => Promise<R>,
  arbitrary: fc.Arbitrary<G>,
  opts: SearchOptions<G, R>,
): Promise<SearchResult<R>> {
  const started = Date.now();
  const lanes = new Set<Promise<void>>();
  const cases: SearchedCase<R>[] = [];
  let failed = false;
  let timeUp = false;
  let drawn = 0;
  let begun = 0;
  let candidates: { generated: G; index: number }[] = [];
  let broken: Error | undefined;
  const shouldStop = () => {
    if (opts.timeLimitMs !== undefined && Date.now() - started >= opts.timeLimitMs) timeUp = true;
    return failed || timeUp || broken !== undefined || Boolean(opts.signal?.aborted);
  };
  const window = opts.steer?.window ?? 1;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    // Interrupting (not failing) ends fast-check's loop without a shrink.
    if (shouldStop()) throw new fc.PreconditionFailure(true);
    candidates.push({ generated: value, index: drawn++ });
    if (candidates.length < window) return true;
    const { generated, index: i } = candidates[opts.steer ? opts.steer.choose(candidates.map((c) => c.generated)) : 0]!;
    candidates = [];
    while (lanes.size >= lanesNow(opts.concurrency) && !shouldStop()) await Promise.race(lanes);
    if (shouldStop()) throw new fc.PreconditionFailure(true);
    const nth = ++begun;
    const path = String(i);
    opts.onCaseStart?.(path);
    const lane: Promise<void> = runOne(generated, path, 'explore')
      .then((c) => {
        if (opts.signal?.aborted && c.result.verdict === 'unknown') return;
        if (opts.keep?.(c) ?? true) cases.push({ ...c, index: i, nth, endedAfterMs: Date.now() - started });
        if (c.result.verdict === 'fail') failed = true;
        opts.onCaseEnd?.(c);
      })
      .catch((err: Error) => void (broken ??= err))
      .finally(() => lanes.delete(lane));
    lanes.add(lane);
    return true;
  });
  await fc.check(property, { seed: opts.seed, numRuns: opts.runs !== undefined ? opts.runs * window : 2 ** 31 - 1, endOnFailure: true });
  await Promise.all(lanes);
  // The harness itself broke (not the runtime): that is not a finding.
  if (broken) throw broken;
  cases.sort((a, b) => a.index - b.index);
  const failure = cases.find((c) => c.result.verdict === 'fail');
  return { cases, timeUp, ...(failure ? { failure } : {}) };
}
