import type { Command } from 'commander';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CONFIG_FILE } from '../../harness/agent/config-file.js';
import { EXIT, UsageError } from '../../harness/errors.js';
import { parsePropertyIds } from '../../harness/report/gate.js';
import { explore } from '../../harness/explore/explore.js';
import { DEFAULT_BUDGET_LINE, EXPLORE_DEFAULTS } from '../../harness/explore/options.js';
import { replayPath } from '../../harness/explore/replay-case.js';
import { loadAdapter } from '../../harness/load-adapter.js';
import { parseFaultKinds } from '../../harness/explore/options.js';
import { exploreShare, type Shard } from '../../harness/report/shard.js';
import { VERSION } from '../../harness/version.js';
import { exploreProgress } from '../../reports/index.js';
import { duration, fastCheckPath, shard, usage, wholeNumber } from '../arguments.js';
import { exploreAgentCommand } from './explore-agent.js';
import { autoLaneLimits } from '../../harness/explore/auto-lanes.js';
import { adapterOption, exploreConcurrencyOption, forceOption, seedOption, timeoutOption } from '../common-options.js';
import { exploreExitCode, exploreSummary } from '../explore-summary.js';
import { interruptible } from '../interrupt.js';
import { asCouldNotRun, outDirFor } from '../output.js';

export interface ExploreFlags {
  adapter: string;
  runs?: number;
  time?: number;
  seed?: number;
  path?: string;
  maxSteps?: number;
  /** As typed: its kinds are a runtime's or your own agent's, known once it is clear which is explored. */
  faults?: string;
  maxTurns?: number;
  maxFaults?: number;
  config?: string;
  agents?: boolean;
  policies?: boolean;
  ignore?: string;
  /** commander's --no-steer */
  steer: boolean;
  concurrency: number | 'auto';
  shrinkTime: number;
  timeout: number;
  out?: string;
  force?: boolean;
  shard?: Shard;
}

/** `agentcheck explore`: its options. */
export function registerExplore(program: Command, exit: (code: number) => void): void {
  program
    .command('explore')
    .description('generate agent plans and fault schedules from a seed, run them, and shrink the first failure to a minimal replayable case')
    .addOption(adapterOption())
    .option('-n, --runs <n>', `cases to generate (default ${EXPLORE_DEFAULTS.runs})`, wholeNumber('--runs', 1))
    .option('-t, --time <duration>', 'explore for this long instead of a number of runs (e.g. 90s, 5m)', duration('--time'))
    .addOption(seedOption())
    .option('--path <path>', 'replay the one case at this fast-check path (needs --seed), as printed after a failure', fastCheckPath)
    .option('--max-steps <k>', `most steps in a generated plan (default ${EXPLORE_DEFAULTS.maxSteps})`, wholeNumber('--max-steps', 1, 30))
    .option('--faults <kinds>', 'fault kinds to generate, comma-separated, or none (default: every kind the adapter supports; for your own agent: crash-before, crash-during, crash-after, response-lost, fails; hang-before and hang-after only when named)')
    .option('--agents', 'generate agent steps too (child runs, nested two deep), where the adapter runs them; off by default so saved seeds and paths replay the same cases')
    .option('--policies', 'declare in each generated case the rules a correct runtime keeps (a call budget per write tool, an approval before an approved branch\'s writes), judged by the policy property')
    .option('--ignore <properties>', 'property ids to leave unjudged in every case, comma-separated: a known failure set aside (e.g. traces) so the search looks for others')
    .option('--no-steer', 'run every generated case in turn, instead of choosing each among several toward the coverage cells not yet exercised')
    .addOption(exploreConcurrencyOption())
    .option('--shrink-time <duration>', 'time budget for shrinking a failure', duration('--shrink-time'), EXPLORE_DEFAULTS.shrinkTimeMs)
    .addOption(timeoutOption(EXPLORE_DEFAULTS.timeoutMs))
    .option('-o, --out <dir>', 'output folder (default: .agentcheck/explore/<time>-<adapter>)')
    .addOption(forceOption())
    .option('--shard <i/n>', 'explore seed + i - 1 for an n-th of --runs: n runners search n seeds (needs --seed)', shard)
    .option('--config <file>', `explore your own agent: generate model scripts and faults for it (default: ${CONFIG_FILE}, when it is in this folder and no --adapter is given)`)
    .option('--max-turns <k>', 'your own agent: most model turns in a generated script, its text answer included (default 4)', wholeNumber('--max-turns', 1, 12))
    .option('--max-faults <k>', 'your own agent: most faults in a generated case (default 2)', wholeNumber('--max-faults', 0, 6))
    .action(async (flags: ExploreFlags, cmd: Command) => {
      // As with run (decision 0064): --adapter explores a runtime; a config here (or --config) means the team's own agent (decision 0079).
      const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      const config = flags.config ?? (!given('adapter') && existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
      exit(config ? await exploreAgentCommand(config, flags, given) : await exploreCommand(flags));
    });
}

/** Generated plans and fault schedules, shrinking, or the exact replay of one case (--path). */
export async function exploreCommand(o: ExploreFlags): Promise<number> {
  if (o.runs !== undefined && o.time !== undefined) throw new UsageError('give --runs or --time, not both');
  if (o.maxTurns !== undefined || o.maxFaults !== undefined) throw new UsageError(`${o.maxTurns !== undefined ? '--max-turns' : '--max-faults'} applies to your own agent (--config, or ${CONFIG_FILE} in this folder); a runtime's plans take --max-steps`);
  if (o.path !== undefined && o.seed === undefined) throw new UsageError('--path replays a case of one seed: give --seed too (both are printed after a failure)');
  if (o.path !== undefined && (o.runs !== undefined || o.time !== undefined)) throw new UsageError('--path replays one case: --runs and --time do not apply');
  if (o.shard && (o.seed === undefined || o.path !== undefined)) throw new UsageError('--shard splits a search: give --seed (each shard explores seed + i - 1), and no --path');
  const share = o.shard ? exploreShare(o.seed!, o.shard, o.runs ?? (o.time === undefined ? EXPLORE_DEFAULTS.runs : undefined)) : undefined;
  if (share?.runs !== undefined) o.runs = share.runs;
  const faultKinds = o.faults !== undefined ? usage(() => parseFaultKinds(o.faults!)) : undefined;
  const ignore = o.ignore !== undefined ? parsePropertyIds(o.ignore, '--ignore') : undefined;
  const adapter = await loadAdapter(o.adapter);
  const seed = share?.seed ?? o.seed ?? randomInt(2 ** 31 - 1);
  const { outDir, release } = outDirFor(o.out, 'explore', `${adapter.name}${o.path ? '-replay' : ''}`, o.force);
  try {
    const interrupt = interruptible(outDir);
    const common = { adapter, adapterArg: o.adapter, seed, outDir, timeoutMs: o.timeout, signal: interrupt.signal, ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}), ...(faultKinds ? { faultKinds } : {}), ...(o.agents ? { agents: true } : {}), ...(o.policies ? { policies: true } : {}), ...(ignore ? { ignore } : {}) };

    if (o.path !== undefined) {
      process.stderr.write(`agentcheck ${VERSION}: replaying seed ${seed} path ${o.path} on ${adapter.name}; records in ${outDir}\n`);
      const r = await asCouldNotRun(adapter.name, () => replayPath({ ...common, path: o.path! }));
      process.stdout.write(`${r.text}\n`);
      return interrupt.exitCode ?? (r.result.error ? EXIT.couldNotRun : r.result.verdict === 'pass' || r.result.verdict === 'skipped' ? EXIT.passed : EXIT.gateFailed);
    }

    const byDefault = o.runs === undefined && o.time === undefined;
    const plan = o.time !== undefined ? `for ${Math.round(o.time / 1000)} s` : byDefault ? DEFAULT_BUDGET_LINE : `${o.runs} case(s)`;
    process.stderr.write(`agentcheck ${VERSION}: exploring ${plan} on ${adapter.name}, seed ${seed}, ${o.concurrency === 'auto' ? `${autoLaneLimits().start} at a time to start (--concurrency auto)` : `${o.concurrency} at a time`}; records in ${outDir}\n`);
    const result = await asCouldNotRun(adapter.name, () =>
      explore({ ...common, steer: o.steer, ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.time !== undefined ? { timeLimitMs: o.time } : {}), concurrency: o.concurrency, shrinkTimeMs: o.shrinkTime, reporters: [exploreProgress()] }),
    );
    process.stdout.write(`${exploreSummary(result, { byDefault })}\n`);
    return interrupt.exitCode ?? exploreExitCode(result);
  } finally {
    release();
  }
}
