import { Option, type Command } from 'commander';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CONFIG_FILE } from '../../harness/agent/config-file.js';
import { runOwnAgent } from './agent.js';
import { CouldNotRunError, EXIT, UsageError } from '../../harness/errors.js';
import { loadAdapter } from '../../harness/load-adapter.js';
import type { Report } from '../../harness/report/schema.js';
import { runSuite } from '../../harness/run-suite.js';
import { selectScenarios } from '../../harness/scenario/discover.js';
import { VERSION } from '../../harness/version.js';
import { reporters, runProgress } from '../../reports/index.js';
import type { Shard } from '../../harness/report/shard.js';
import { shardOf } from '../../harness/report/shard.js';
import { pinnedPackage, reporterNames, wholeNumber } from '../arguments.js';
import { installPinned } from '../../harness/runtime-modules/install.js';
import { installPythonPinned, isPythonPin, NoSuchRelease } from '../../harness/runtime-modules/python-pins.js';
import { RUNTIME_MODULES_ENV, useRuntimeModules } from '../../harness/runtime-modules/redirect.js';
import { addGateOptions, finishRun, gateOptionsFrom, type GateFlags } from '../gate-options.js';
import { adapterOption, concurrencyOption, forceOption, seedOption, timeoutOption } from '../common-options.js';
import { interruptible } from '../interrupt.js';
import { asCouldNotRun, chooseReporters, outDirFor, writeReports } from '../output.js';

export interface RunFlags extends GateFlags {
  adapter: string;
  seed?: number;
  reporter?: string[];
  out?: string;
  shard?: Shard;
  timeout: number;
  concurrency: number;
  repeat: number;
  force?: boolean;
  pin?: string[];
  config?: string;
}

/** `agentcheck run`: its arguments and options. */
export function registerRun(program: Command, exit: (code: number) => void): void {
  const command = program
    .command('run')
    .description('run scenarios against a runtime and print its readiness scorecard')
    .argument('[scenarios...]', 'built-in scenario ids or globs (e.g. "approvals/*"), or scenario files (.yaml, .json, .ts); default: every built-in; with your own agent: scenario names of its config')
    .addOption(adapterOption())
    .option('--config <file>', `your own agent's config: run it instead of a runtime (default: ${CONFIG_FILE}, when it is in this folder and no --adapter is given)`)
    .addOption(seedOption())
    .addOption(new Option('-r, --reporter <names>', `${Object.keys(reporters).join(', ')} or the path of your own reporter module (comma-separated); one prints on stdout, with several the terminal one prints and the others are written to the --out folder (html and badge always are)`).argParser(reporterNames(Object.keys(reporters))))
    .option('-o, --out <dir>', 'output folder for the report and every case record (default: .agentcheck/runs/<time>-<adapter>)')
    .addOption(forceOption())
    .option('--min-score <n>', 'gate on the score (0-100) instead of on every case passing', wholeNumber('--min-score', 0, 100))
    .addOption(timeoutOption(10_000))
    .addOption(concurrencyOption())
    .option('--pin <package@version>', 'run the adapter against this release of its runtime package, installed from the registry into a cached project: name@version from npm, name==version from PyPI for the Python adapters (repeatable; docs/museum.md)', pinnedPackage)
    .option('--repeat <n>', 'run each case n times on the same seed: a case fails if any run failed, and the report says how often each verdict came out (for racy runtimes)', wholeNumber('--repeat', 1, 1000), 1);
  addGateOptions(command)
    .action(async (targets: string[], flags: RunFlags, cmd: Command) => {
      // --adapter scores a runtime; a config here (or --config) means the team's own agent (decision 0064).
      const adapterGiven = cmd.getOptionValueSource('adapter') !== 'default';
      const config = flags.config ?? (!adapterGiven && existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
      exit(config ? await runAgentFromRun(config, targets, flags, adapterGiven) : await run(targets, flags));
    });
}

/** Run the scenarios, print the report, and say how the gate came out as an exit code. */
export async function run(targets: string[], o: RunFlags): Promise<number> {
  if (o.shard && o.seed === undefined) throw new UsageError('--shard needs --seed: every shard of a run must draw from the same seed (e.g. --seed $GITHUB_RUN_NUMBER)');
  const gate = gateOptionsFrom(o);
  // A reporter module that does not load is bad usage before any case runs.
  const chosen = await chooseReporters(o.reporter?.length ? o.reporter : ['terminal']);
  const scenarios = await selectScenarios(targets);
  if (o.pin?.length) await pinRuntime(o.pin);
  const adapter = await loadAdapter(o.adapter);
  const seed = o.seed ?? randomInt(2 ** 31 - 1);
  // The run owns its folder until it ends: a second run into it is refused (exit 64).
  const { outDir, release } = outDirFor(o.out, 'runs', adapter.name, o.force);
  try {
    const interrupt = interruptible(outDir);
    const times = o.repeat > 1 ? `, each run ${o.repeat} times` : '';
    const count = o.shard ? shardOf(scenarios, o.shard).length : scenarios.length;
    const part = o.shard ? ` (shard ${o.shard.index}/${o.shard.total} of ${scenarios.length})` : '';
    process.stderr.write(`agentcheck ${VERSION}: ${count} case(s)${part} on ${adapter.name}${times}, seed ${seed}, ${o.concurrency} at a time; records in ${outDir}\n`);
    const fromFile = targets.filter((t) => existsSync(t));
    const report: Report = await asCouldNotRun(adapter.name, () =>
      runSuite({
        adapter,
        adapterArg: o.adapter,
        pins: o.pin,
        scenarios,
        sourceOf: (s) => fromFile.find((f) => f.includes(s.id)) ?? s.id,
        seed,
        outDir,
        timeoutMs: o.timeout,
        concurrency: o.concurrency,
        repeat: o.repeat,
        gate,
        ...(o.shard ? { shard: o.shard } : {}),
        signal: interrupt.signal,
        // The user's own reporters hear the run live, beside the progress line.
        reporters: [runProgress(), ...chosen.filter((c) => !(c.name in reporters)).map((c) => c.reporter)],
      }),
    );
    const gated = finishRun(report, o, gate, outDir);
    writeReports(gated, chosen, outDir);
    return interrupt.exitCode ?? gateExitCode(gated);
  } finally {
    release();
  }
}

/** `agentcheck run` on your own agent: the same reports, scorecard and gate as a runtime's run. */
async function runAgentFromRun(configFile: string, targets: string[], o: RunFlags, adapterGiven: boolean): Promise<number> {
  const refuse = [adapterGiven && '--adapter', o.shard && '--shard', o.repeat > 1 && '--repeat', o.pin?.length && '--pin', o.updateBaseline && '--update-baseline'].filter(Boolean);
  if (refuse.length) throw new UsageError(`${refuse[0]} does not apply to your own agent (${configFile}); run a runtime with --adapter and no --config`);
  const gate = gateOptionsFrom(o);
  const seed = o.seed ?? randomInt(2 ** 31 - 1);
  const { outDir, release } = outDirFor(o.out, 'runs', 'agent', o.force);
  process.stderr.write(`agentcheck ${VERSION}: your agent (${configFile}), seed ${seed}; records in ${outDir}\n`);
  return runOwnAgent({ configFile, seed, scenarios: targets, outDir, reporterNames: o.reporter?.length ? o.reporter : ['terminal'], gate, live: process.stderr, release });
}

/** 2 when a case could not run at all, else 0 or 1 as the gate says. */
function gateExitCode(report: Report): number {
  const broken = report.cases.filter((c) => c.error).length;
  if (broken === 0) return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
  process.stderr.write(`agentcheck could not run ${broken} case(s): see the errors above\n`);
  return EXIT.couldNotRun;
}

/** Install the pinned releases (cached) and make this run, workers included, load them. */
async function pinRuntime(pins: string[]): Promise<void> {
  process.stderr.write(`agentcheck: runtime pinned to ${pins.join(', ')} (installed once, from the registry)\n`);
  const python = pins.filter(isPythonPin);
  const npm = pins.filter((p) => !isPythonPin(p));
  if (python.length) {
    // A Python adapter's workers run in a venv of these releases, made once per machine.
    await installPythonPinned(python).catch((err: Error) => {
      throw err instanceof NoSuchRelease ? new UsageError(err.message) : new CouldNotRunError(err.message);
    });
  }
  if (!npm.length) return;
  if (process.env[RUNTIME_MODULES_ENV]) throw new UsageError(`--pin and ${RUNTIME_MODULES_ENV} both name the runtime packages: use one`);
  // No such version is the user's to fix (64); anything else (no network, say) means it could not run (2).
  const dir = await installPinned(npm).catch((err: Error) => {
    throw /ETARGET|E404|No matching version/.test(err.message) ? new UsageError(err.message) : new CouldNotRunError(err.message);
  });
  useRuntimeModules(dir);
}
