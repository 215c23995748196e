import { InvalidArgumentError, type Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import { CouldNotRunError, EXIT, UsageError } from '../errors.js';
import { loadAdapter } from '../load-adapter.js';
import { interruptible } from '../process/interrupt.js';
import type { FaultKind } from '../scenario/faults.js';
import { VERSION } from '../version.js';
import { explore, type ExploreResult } from './explore.js';
import { EXPLORE_DEFAULTS, parseDuration, parseFaultKinds } from './options.js';
import { progressReporter } from './progress.js';
import { PATH_PATTERN } from './replay.js';
import { replayPath } from './replay-case.js';
import { exploreShare, parseShard, type Shard } from '../report/shard.js';

interface ExploreFlags {
  adapter: string;
  runs?: number;
  time?: number;
  seed?: number;
  path?: string;
  maxSteps?: number;
  faults?: FaultKind[];
  concurrency: number;
  shrinkTime: number;
  timeout: number;
  out?: string;
  shard?: Shard;
}

const int = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new InvalidArgumentError(`${name} takes a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, not "${v}"`);
  return n;
};
const duration = (name: string) => (v: string) => {
  const ms = parseDuration(v);
  if (ms === undefined) throw new InvalidArgumentError(`${name} takes a duration such as 90s, 5m or 1h, not "${v}"`);
  return ms;
};
const faultKinds = (v: string) => {
  try {
    return parseFaultKinds(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};
const path = (v: string) => {
  if (!PATH_PATTERN.test(v)) throw new InvalidArgumentError(`--path takes the path explore printed, digits separated by ":" (e.g. "4:1:0"), not "${v}"`);
  return v;
};

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');

/** `agentcheck explore`: generated plans and fault schedules, shrinking, exact replay. */
export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('generate agent plans and fault schedules from a seed, run them, and shrink the first failure to a minimal replayable case')
    .option('-a, --adapter <name|path>', 'a built-in adapter name or the path of your own adapter module', 'reference')
    .option('-n, --runs <n>', `cases to generate (default ${EXPLORE_DEFAULTS.runs})`, int('--runs', 1))
    .option('-t, --time <duration>', 'explore for this long instead of a number of runs (e.g. 90s, 5m)', duration('--time'))
    .option('-s, --seed <n>', 'seed for every random choice (default: random, printed)', int('--seed', 0, 2 ** 31 - 1))
    .option('--path <path>', 'replay the one case at this fast-check path (needs --seed), as printed after a failure', path)
    .option('--max-steps <k>', `most steps in a generated plan (default ${EXPLORE_DEFAULTS.maxSteps})`, int('--max-steps', 1, 30))
    .option('--faults <kinds>', 'fault kinds to generate, comma-separated, or none (default: every kind the adapter supports)', faultKinds)
    .option('-c, --concurrency <n>', 'cases run at once, each on its own worker', int('--concurrency', 1, 64), Math.max(1, Math.min(4, availableParallelism())))
    .option('--shrink-time <duration>', 'time budget for shrinking a failure', duration('--shrink-time'), EXPLORE_DEFAULTS.shrinkTimeMs)
    .option('--timeout <ms>', 'time a run gets to finish once faults heal, on top of the time its plan needs', int('--timeout', 1), EXPLORE_DEFAULTS.timeoutMs)
    .option('-o, --out <dir>', 'output folder (default: .agentcheck/explore/<time>-<adapter>)')
    .option('--shard <i/n>', 'explore seed + i - 1 for a n-th of --runs: n runners search n seeds (needs --seed)', (v: string) => {
      try {
        return parseShard(v);
      } catch (err) {
        throw new InvalidArgumentError((err as Error).message);
      }
    })
    .action(async (o: ExploreFlags) => {
      if (o.runs !== undefined && o.time !== undefined) throw new UsageError('give --runs or --time, not both');
      if (o.path !== undefined && o.seed === undefined) throw new UsageError('--path replays a case of one seed: give --seed too (both are printed after a failure)');
      if (o.path !== undefined && (o.runs !== undefined || o.time !== undefined)) throw new UsageError('--path replays one case: --runs and --time do not apply');
      if (o.shard && (o.seed === undefined || o.path !== undefined)) throw new UsageError('--shard splits a search: give --seed (each shard explores seed + i - 1), and no --path');
      const share = o.shard ? exploreShare(o.seed!, o.shard, o.runs ?? (o.time === undefined ? EXPLORE_DEFAULTS.runs : undefined)) : undefined;
      if (share?.runs !== undefined) o.runs = share.runs;
      const adapter = await loadAdapter(o.adapter);
      const seed = share?.seed ?? o.seed ?? randomInt(2 ** 31 - 1);
      const outDir = resolve(o.out ?? join('.agentcheck', 'explore', `${stamp()}-${adapter.name}${o.path ? '-replay' : ''}`));
      const controller = interruptible(outDir);
      const common = { adapter, adapterArg: o.adapter, seed, outDir, timeoutMs: o.timeout, signal: controller.signal, ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}), ...(o.faults ? { faultKinds: o.faults } : {}) };

      if (o.path !== undefined) {
        process.stderr.write(`agentcheck ${VERSION}: replaying seed ${seed} path ${o.path} on ${adapter.name}; records in ${outDir}\n`);
        const r = await guard(adapter.name, () => replayPath({ ...common, path: o.path! }));
        process.stdout.write(`${r.text}\n`);
        if (controller.signal.aborted) return;
        process.exitCode = r.result.error ? EXIT.couldNotRun : r.result.verdict === 'pass' || r.result.verdict === 'skipped' ? EXIT.passed : EXIT.gateFailed;
        return;
      }

      const { clear, ...progress } = progressReporter();
      const plan = o.time !== undefined ? `for ${Math.round(o.time / 1000)} s` : `${o.runs ?? EXPLORE_DEFAULTS.runs} case(s)`;
      process.stderr.write(`agentcheck ${VERSION}: exploring ${plan} on ${adapter.name}, seed ${seed}, ${o.concurrency} at a time; records in ${outDir}\n`);
      const result = await guard(adapter.name, () =>
        explore({ ...common, ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.time !== undefined ? { timeLimitMs: o.time } : {}), concurrency: o.concurrency, shrinkTimeMs: o.shrinkTime, ...progress }),
      );
      clear();
      process.stdout.write(`${summaryText(result)}\n`);
      if (controller.signal.aborted) return;
      process.exitCode = result.failure || result.cases.unknown > result.cases.errors ? EXIT.gateFailed : result.cases.errors ? EXIT.couldNotRun : EXIT.passed;
    });
}

async function guard<T>(adapter: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof UsageError ? err : new CouldNotRunError(`${adapter}: ${(err as Error).message}`);
  }
}

function summaryText(r: ExploreResult): string {
  const c = r.cases;
  const head = `${c.total} case(s) on ${r.adapter} (seed ${r.seed}) in ${(r.searchMs / 1000).toFixed(1)} s, ${r.casesPerSecond.toFixed(2)} cases/s: ${c.passed} passed, ${c.failed} failed, ${c.unknown} undecided, ${c.skipped} skipped${r.interrupted ? ' (interrupted)' : r.timeUp ? ' (time limit reached)' : ''}`;
  const undecided = r.undecided.map((u) => `  ? case ${u.path}: ${u.error ?? 'undecided'} (${u.dir})`);
  const lines = [head, ...undecided];
  lines.push(r.failure ? r.failure.text : `No failure found. Records: ${join(r.outDir, 'explore.jsonl')}`);
  return lines.join('\n');
}
