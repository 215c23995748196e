import fc from 'fast-check';
import type { CaseResult } from '../case/run-case.js';
import type { PropertyId } from '../checkers/verdict.js';
import type { GeneratedScenario } from './arbitrary/scenario.js';
import type { CaseRecord } from './case-log.js';
import { failedProperties, sizeOf, type RanCase, type RunOne } from './run-generated.js';

/** A case the shrinker can weigh: what ran (handed back to run it again), how it came out, and under which path. */
export interface Shrinkable<G> {
  scenario: G;
  result: CaseResult;
  record: { path: string };
}

/** What a kind of case is made of, for the shrinker: its size, and what makes two the same run. */
export interface CaseShape<G> {
  size(g: G): { steps: number; faults: number };
  /** Equal for two values that would run the same (an id or name left out). */
  key(g: G): string;
}

/** Plans and fault schedules: steps, then faults. */
export const planShape: CaseShape<GeneratedScenario> = {
  size: sizeOf,
  key: (s) => JSON.stringify({ plan: s.plan, decisions: s.decisions, faults: s.faults }),
};

export interface ShrinkOptions<R = RanCase> {
  seed: number;
  signal?: AbortSignal;
  /** The index of the failing case found by the search. */
  index: number;
  found: R;
  /** Stop trying smaller cases after this long; the smallest failing one so far stands. */
  budgetMs: number;
  /** Runs in a row a smaller candidate must fail to be kept (default CONFIRM_RUNS). */
  confirmRuns?: number;
  onTry?: (t: { path: string; tried: number; smallest: R; cached: boolean }) => void;
}

/**
 * A smaller candidate is kept only if it fails this many runs in a row: a runtime whose
 * failure is a race can fail once by luck, and a minimal case that passes when the user
 * replays it is worse than a larger one that fails. (issue: a shrunk naive case replayed 8 in 9.)
 */
export const CONFIRM_RUNS = 2;
/** Runs of the minimal case after shrinking, to report how often it replays. */
export const REPLAY_RUNS = 3;

export interface ShrinkResult<R = RanCase> {
  minimal: R;
  /** The minimal case run REPLAY_RUNS more times: how many failed the same way. */
  replays: { runs: number; failed: number };
  /** fast-check's path to the minimal case: `--seed <seed> --path <path>` replays it. */
  path: string;
  /** Candidates considered, and how many of them had to run (the rest were already known); confirming runs and replays not counted. */
  tried: number;
  ran: number;
  timeMs: number;
  budgetHit: boolean;
}

/**
 * Shrink with fast-check's own shrinker, replaying the failing run by its path. A
 * candidate counts as failing only if it fails one of the properties the found case
 * failed ("fails the same way"), so shrinking cannot slide to another bug. Candidates
 * that build to a scenario already run are answered from memory: many spec shrinks
 * (a number of a dropped fault, say) change nothing that runs. The budget is checked
 * before each candidate; a case that has started always finishes, so no worker is
 * left behind (fast-check's interruptAfterTimeLimit would abandon it mid-run).
 */
export function shrink(runOne: RunOne, arbitrary: fc.Arbitrary<GeneratedScenario>, opts: ShrinkOptions): Promise<ShrinkResult> {
  return shrinkBy(runOne, arbitrary, opts, planShape);
}

/** shrink, for any kind of generated case (your own agent's model scripts: harness/agent/explore/). */
export async function shrinkBy<G, R extends Shrinkable<G>>(
  runOne: (generated: G, path: string, phase: CaseRecord['phase'], repetition?: number) => Promise<R>,
  arbitrary: fc.Arbitrary<G>,
  opts: ShrinkOptions<R>,
  shape: CaseShape<G>,
): Promise<ShrinkResult<R>> {
  const started = Date.now();
  const key = shape.key;
  const target = new Set<PropertyId>(failedProperties(opts.found.result));
  const fails = (c: R) => c.result.verdict === 'fail' && failedProperties(c.result).some((p) => target.has(p));
  // Each scenario run once is remembered with whether it failed every confirming run.
  const known = new Map<string, { c: R; failing: boolean; runs: number }>([[key(opts.found.scenario), { c: opts.found, failing: true, runs: 1 }]]);
  let smallest = opts.found;
  // Mirror fast-check's walk so each candidate gets its path (and so its id) as it runs.
  let parent: string | undefined;
  let childIndex = -1;
  let tried = 0;
  let ran = 0;
  let budgetHit = false;

  const property = fc.asyncProperty(arbitrary, async (generated) => {
    const path = parent === undefined ? String(opts.index) : `${parent}:${++childIndex}`;
    if (opts.signal?.aborted) throw new fc.PreconditionFailure(true);
    if (Date.now() - started >= opts.budgetMs) {
      budgetHit = true;
      throw new fc.PreconditionFailure(true);
    }
    tried++;
    const k = key(generated);
    let entry = known.get(k);
    const cached = entry !== undefined;
    if (!entry) {
      ran++;
      const c = await runOne(generated, path, 'shrink');
      entry = { c, failing: fails(c), runs: 1 };
      // Confirm before accepting: stop at the first run that does not fail the same way.
      while (entry.failing && entry.runs < (opts.confirmRuns ?? CONFIRM_RUNS) && !opts.signal?.aborted) {
        entry.runs++;
        entry.failing = fails(await runOne(generated, path, 'shrink', entry.runs));
      }
      known.set(k, entry);
    }
    const { c, failing } = entry;
    if (failing) {
      parent = path;
      childIndex = -1;
      // A remembered case keeps the path it ran under: that path replays it too, with the same id.
      if (isSmaller(shape.size(c.scenario), shape.size(smallest.scenario))) {
        smallest = c;
      }
    }
    opts.onTry?.({ path, tried, smallest, cached });
    return !failing;
  });
  const details = await fc.check(property, { seed: opts.seed, path: String(opts.index), numRuns: 1 });
  // fast-check's counterexample is the last failing candidate; ours is the smallest
  // (they agree unless a shrink made a number smaller but the case no smaller).
  if (!details.failed && !budgetHit && !opts.signal?.aborted) throw new Error(`the failing case at path ${opts.index} passed when replayed for shrinking`);
  const replays = { runs: 0, failed: 0 };
  const before = known.get(key(smallest.scenario))?.runs ?? 1;
  for (let i = 1; i <= REPLAY_RUNS && !opts.signal?.aborted; i++) {
    replays.runs++;
    if (fails(await runOne(smallest.scenario, smallest.record.path, 'replay', before + i))) replays.failed++;
  }
  return { minimal: smallest, replays, path: smallest.record.path, tried, ran, timeMs: Date.now() - started, budgetHit };
}

/** What makes a case smaller: fewer steps, then fewer faults. */
function isSmaller(sa: { steps: number; faults: number }, sb: { steps: number; faults: number }): boolean {
  return sa.steps < sb.steps || (sa.steps === sb.steps && sa.faults <= sb.faults);
}
