import { randomInt } from 'node:crypto';
import { plural } from '../report/words.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '../adapter.js';
import { setUpAdapter, tearDownAdapter } from '../adapter-calls.js';
import type { CaseResult } from '../case/run-case.js';
import { openSpares } from '../case/workers.js';
import { AutoLanes, autoLaneLimits, type LaneLimits, type LaneSummary, watchMachine } from './auto-lanes.js';
import { fanOut, type Reporter } from '../report/reporter.js';
import type { FaultKind } from '../faults/registry.js';
import type { Scenario } from '../scenario/schema.js';
import type { PropertyId } from '../checkers/verdict.js';
import { scenarioArbitrary } from './arbitrary/scenario.js';
import { CaseLog, type CaseRecord } from './case-log.js';
import { describeCase } from './describe.js';
import { EXPLORE_DEFAULTS, exploreReplayCommand, generateOptionsFor, replayFlags, runReplayCommand } from './options.js';
import { caseRunner, failedProperties, sizeOf, type ExploreSession, type RanCase } from './run-generated.js';
import { writeScenarioFile } from './scenario-file.js';
import { search } from './search.js';
import { shrink } from './shrink.js';
import { coverageSteering } from './steer.js';
import { CellCounts, cellsOf, coverageModel } from '../faults/coverage.js';
import type { Coverage } from '../report/coverage.js';

export interface ExploreOptions {
  adapter: Adapter;
  /** How the adapter is named in replay commands (a built-in name or a module path). */
  adapterArg?: string;
  /** Every random choice flows from it; default: random (and reported). */
  seed?: number;
  /** Cases to generate (default 100, or unbounded with timeLimitMs). */
  runs?: number;
  /** Stop starting new cases after this long. */
  timeLimitMs?: number;
  maxSteps?: number;
  faultKinds?: FaultKind[];
  /** Generate agent steps too, where the adapter runs them. */
  agents?: boolean;
  /** Declare the rules a correct runtime keeps in each case, judged by `policy`. */
  policies?: boolean;
  /**
   * Properties not judged in any case: a known failure set aside (e.g. DBOS's traces,
   * split by every recovery) so the search looks for other bugs. Named in the replay commands and summary.
   */
  ignore?: readonly PropertyId[];
  /** Choose each case toward cells not yet covered (default true); false draws every value in turn, as before 0.2. */
  steer?: boolean;
  /** Cases at once (default 1), or 'auto': chosen while exploring from the machine's idle CPU (auto-lanes.ts, decision 0122). */
  concurrency?: number | 'auto';
  /** The range 'auto' moves in (default: autoLaneLimits() of this machine). */
  autoLanes?: LaneLimits;
  /** Budget for shrinking a failure (default 2 min). */
  shrinkTimeMs?: number;
  /** Time a run gets to finish once faults heal, on top of what its plan needs. */
  timeoutMs?: number;
  outDir: string;
  signal?: AbortSignal;
  /** Hear the exploration as it happens (live progress), in terms of the report model. */
  reporters?: readonly Reporter[];
  /** Each generated case with its scenario, for tests that look at what was generated. */
  onCaseEnd?(c: RanCase): void;
}

export interface ExploreFailure {
  /** The first failing case the search found. */
  found: { path: string; id: string; steps: number; faults: number; afterMs: number; runs: number };
  minimal: { path: string; scenario: Scenario; result: CaseResult; steps: number; faults: number; file: string };
  shrink: { tried: number; ran: number; timeMs: number; budgetMs: number; budgetHit: boolean };
  /** The minimal case run again after shrinking: how often it failed the same way. */
  replays: { runs: number; failed: number };
  replay: { explore: string; run: string };
  /** The minimal case, readable: plan, humans, faults, what failed and the replay commands. */
  text: string;
}

export interface ExploreResult {
  seed: number;
  adapter: string;
  outDir: string;
  cases: { total: number; passed: number; failed: number; unknown: number; skipped: number; errors: number };
  /** Cases that could not be decided (unknown), or could not run (error). */
  undecided: CaseRecord[];
  searchMs: number;
  casesPerSecond: number;
  /** With --concurrency auto: the fewest and most cases at once, and their mean over the search. */
  lanes?: LaneSummary;
  durationMs: number;
  timeUp: boolean;
  interrupted: boolean;
  /** Whether cases were chosen toward uncovered cells. */
  steered: boolean;
  /** Properties no case judged (--ignore). */
  ignored?: PropertyId[];
  /** The cells of the coverage model the cases that ran exercised. */
  coverage: Coverage;
  failure?: ExploreFailure;
}

/**
 * Property-based exploration: generate plans and fault schedules from the seed, run
 * them on the adapter, and on the first failure shrink it to a minimal case, write it
 * as a scenario file and report the commands that replay it.
 */
export async function explore(opts: ExploreOptions): Promise<ExploreResult> {
  const started = Date.now();
  const seed = opts.seed ?? randomInt(2 ** 31 - 1);
  const adapterArg = opts.adapterArg ?? opts.adapter.name;
  const gen = generateOptionsFor(opts.adapter, opts);
  const timeoutMs = opts.timeoutMs ?? EXPLORE_DEFAULTS.timeoutMs;
  const asked = opts.concurrency ?? EXPLORE_DEFAULTS.concurrency;
  let running = 0;
  const auto: AutoLanes | undefined = asked === 'auto' ? new AutoLanes(opts.autoLanes ?? autoLaneLimits(), () => running >= (auto?.lanes ?? 0)) : undefined;
  const concurrency = auto ? () => auto.lanes : (asked as number);
  const runs = opts.runs ?? (opts.timeLimitMs === undefined ? EXPLORE_DEFAULTS.runs : undefined);
  const flags = replayFlags(opts.adapter, gen, { adapterArg, seed, timeoutMs, ...(opts.ignore ? { ignore: opts.ignore } : {}) });
  mkdirSync(opts.outDir, { recursive: true });
  const ctx: ExploreSession = {
    adapter: opts.adapter,
    seed,
    outDir: opts.outDir,
    timeoutMs,
    log: new CaseLog(join(opts.outDir, 'explore.jsonl')),
    replayCommand: (path) => exploreReplayCommand(flags, path),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.ignore?.length ? { ignore: opts.ignore } : {}),
    // Workers that can wait for their case start ahead of need, two spares per case at once (decision 0074).
    spares: openSpares(opts.outDir, concurrency),
  };
  const arbitrary = scenarioArbitrary(gen);
  // explore --policies declares judged call budgets and approvals only (arbitrary/policies.ts): no cell it cannot reach.
  const model = coverageModel({ faultKinds: gen.faultKinds, timeouts: gen.timeouts, agents: gen.agents ?? false, ...(gen.policies ? { policies: { rules: ['call-budget', 'needs-approval'], enforced: false } } : {}) });
  const steered = opts.steer ?? true;
  const hear = fanOut(opts.reporters ?? []);
  hear.onRunStart({ seed, ...(runs !== undefined ? { total: runs } : {}), ...(opts.timeLimitMs !== undefined ? { timeLimitMs: opts.timeLimitMs } : {}), concurrency: auto ? auto.lanes : (asked as number), outDir: opts.outDir });
  let done = 0;
  const ended = new EndedCases();

  await setUpAdapter(opts.adapter, { dir: opts.outDir }, opts.signal);
  let result: ExploreResult;
  try {
    const searchStarted = Date.now();
    const runCase = caseRunner(ctx);
    // Counted for --concurrency auto: a lane is added only while every lane is taken.
    const runOne: typeof runCase = async (...a) => {
      running++;
      try {
        return await runCase(...a);
      } finally {
        running--;
      }
    };
    const watching = auto ? watchMachine((m) => auto.look(m)) : undefined;
    // Stopped however the search ends: a search that threw must not go on looking.
    const found = await search(runOne, arbitrary, {
      seed,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(runs !== undefined ? { runs } : {}),
      ...(opts.timeLimitMs !== undefined ? { timeLimitMs: opts.timeLimitMs } : {}),
      concurrency,
      ...(steered ? { steer: coverageSteering(model) } : {}),
      onCaseStart: (path) => hear.onCaseStart({ id: path }),
      // Only a failure is kept whole (to shrink it); every other case is counted as it ends.
      keep: (c) => c.result.verdict === 'fail',
      onCaseEnd: (c) => {
        ended.add(c);
        opts.onCaseEnd?.(c);
        hear.onCaseEnd({ result: c.result, done: ++done, ...(runs !== undefined ? { total: runs } : {}), path: c.record.path });
      },
    }).finally(() => watching?.stop());
    const searchMs = Date.now() - searchStarted;
    result = {
      seed,
      adapter: opts.adapter.name,
      outDir: opts.outDir,
      cases: ended.counts,
      undecided: ended.undecided.sort((a, b) => Number(a.path) - Number(b.path)),
      searchMs,
      casesPerSecond: ended.counts.total / Math.max(0.001, searchMs / 1000),
      ...(auto ? { lanes: auto.summary() } : {}),
      durationMs: 0,
      timeUp: found.timeUp,
      interrupted: Boolean(opts.signal?.aborted),
      steered,
      ...(opts.ignore?.length ? { ignored: [...opts.ignore] } : {}),
      // What ran, as a run's report counts it: a skipped case, or one that could not run, exercised nothing.
      coverage: ended.cells.tally('explore', model),
    };
    if (found.failure && !opts.signal?.aborted) {
      const budgetMs = opts.shrinkTimeMs ?? EXPLORE_DEFAULTS.shrinkTimeMs;
      hear.onShrinkStart({ path: found.failure.record.path, ...sizeOf(found.failure.scenario), failed: found.failure.record.failed, budgetMs });
      const onTry = (t: { tried: number; smallest: RanCase }) => hear.onShrinkTry({ tried: t.tried, ...sizeOf(t.smallest.scenario) });
      const shrunk = await shrink(runOne, arbitrary, { seed, ...(opts.signal ? { signal: opts.signal } : {}), index: found.failure.index, found: found.failure, budgetMs, onTry });
      result.failure = reportFailure(found.failure, shrunk, { ...flags, budgetMs, outDir: opts.outDir });
      result.interrupted = Boolean(opts.signal?.aborted);
    }
  } finally {
    await ctx.spares?.close();
    await tearDownAdapter(opts.adapter);
  }
  result.durationMs = Date.now() - started;
  writeFileSync(join(opts.outDir, 'summary.json'), JSON.stringify(summaryOf(result), null, 2) + '\n');
  hear.onRunEnd();
  return result;
}

function reportFailure(
  found: RanCase & { index: number; nth: number; endedAfterMs: number },
  shrunk: Awaited<ReturnType<typeof shrink>>,
  f: Parameters<typeof exploreReplayCommand>[0] & { budgetMs: number; outDir: string },
): ExploreFailure {
  const { minimal } = shrunk;
  // Named by its id, so `agentcheck run <file>` reports the file as the way to replay it.
  const file = join(f.outDir, `${minimal.scenario.id}.yaml`);
  const replay = { explore: exploreReplayCommand(f, shrunk.path), run: runReplayCommand(f.adapterArg, f.seed, file, f.timeoutMs) };
  const failed = failedProperties(minimal.result);
  writeScenarioFile(file, minimal.scenario, { adapter: f.adapterArg, seed: f.seed, path: shrunk.path, failed, replay: [replay.explore, replay.run] });
  const size = sizeOf(minimal.scenario);
  const foundSize = sizeOf(found.scenario);
  const budget = shrunk.budgetHit ? `; the shrink budget of ${Math.round(f.budgetMs / 1000)} s ran out, so a smaller case may exist (raise --shrink-time)` : '';
  const text = [
    `Failure found after ${plural(found.nth, 'case')} (${plural(foundSize.steps, 'step')}, ${plural(foundSize.faults, 'fault')}), shrunk to ${plural(size.steps, 'step')} and ${plural(size.faults, 'fault')} in ${(shrunk.timeMs / 1000).toFixed(1)} s (${shrunk.ran} of ${shrunk.tried} candidates run${budget}):`,
    describeCase(minimal.scenario, minimal.result),
    `  replayed: failed ${shrunk.replays.failed} of ${shrunk.replays.runs} runs${shrunk.replays.failed < shrunk.replays.runs ? ' — the failure is a race in the runtime; replay it with --repeat to see how often' : ''}`,
    `  scenario file: ${file}`,
    `  record: ${minimal.result.dir}`,
    '  replay:',
    `    ${replay.explore}`,
    `    ${replay.run}`,
    ...(f.ignore?.length ? [`  (agentcheck run judges every property: ${f.ignore.join(', ')} too, set aside here by --ignore)`] : []),
  ].join('\n');
  return {
    found: { path: String(found.index), id: found.scenario.id, steps: foundSize.steps, faults: foundSize.faults, afterMs: found.endedAfterMs, runs: found.nth },
    minimal: { path: shrunk.path, scenario: minimal.scenario, result: minimal.result, steps: size.steps, faults: size.faults, file },
    shrink: { tried: shrunk.tried, ran: shrunk.ran, timeMs: shrunk.timeMs, budgetMs: f.budgetMs, budgetHit: shrunk.budgetHit },
    replays: shrunk.replays,
    replay,
    text,
  };
}

/** summary.json: the result without the long case record (that is in cases/<id>/case.json). */
function summaryOf(r: ExploreResult) {
  if (!r.failure) return r;
  const { result, ...minimal } = r.failure.minimal;
  return { ...r, failure: { ...r.failure, minimal: { ...minimal, verdict: result.verdict, failed: failedProperties(result), dir: result.dir } } };
}

/** What explore tells of the cases that ended, counted as each ends (nothing kept per passing case). */
class EndedCases {
  readonly counts = { total: 0, passed: 0, failed: 0, unknown: 0, skipped: 0, errors: 0 };
  readonly undecided: CaseRecord[] = [];
  /** What ran, as a run's report counts it: a skipped case, or one that could not run, exercised nothing. */
  readonly cells = new CellCounts();
  add(c: RanCase): void {
    const v = c.result.verdict;
    this.counts.total++;
    if (v === 'pass') this.counts.passed++;
    else if (v === 'fail') this.counts.failed++;
    else if (v === 'unknown') this.counts.unknown++;
    else if (v === 'skipped') this.counts.skipped++;
    if (c.result.error) this.counts.errors++;
    if (v === 'unknown') this.undecided.push(c.record);
    if (v !== 'skipped' && !c.result.error) this.cells.add(cellsOf(c.scenario));
  }
}
