import { Option, type Command } from 'commander';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { EXIT } from '../../harness/errors.js';
import { loadAdapter } from '../../harness/load-adapter.js';
import type { Report } from '../../harness/report/schema.js';
import { runSuite } from '../../harness/run-suite.js';
import { selectScenarios } from '../../harness/scenario/discover.js';
import { VERSION } from '../../harness/version.js';
import { reporters, runProgress } from '../../reports/index.js';
import { reporterNames, wholeNumber } from '../arguments.js';
import { adapterOption, concurrencyOption, forceOption, seedOption, timeoutOption } from '../common-options.js';
import { interruptible } from '../interrupt.js';
import { asCouldNotRun, outDirFor, printReport } from '../output.js';

export interface RunFlags {
  adapter: string;
  seed?: number;
  reporter?: string[];
  out?: string;
  minScore?: number;
  timeout: number;
  concurrency: number;
  repeat: number;
  force?: boolean;
}

/** `agentcheck run`: its arguments and options. */
export function registerRun(program: Command, exit: (code: number) => void): void {
  program
    .command('run')
    .description('run scenarios against a runtime and print its readiness scorecard')
    .argument('[scenarios...]', 'built-in scenario ids or globs (e.g. "approvals/*"), or scenario files (.yaml, .json, .ts); default: every built-in')
    .addOption(adapterOption())
    .addOption(seedOption())
    .addOption(new Option('-r, --reporter <names>', 'terminal, json, junit, markdown (comma-separated); one prints on stdout, with several the others are written to the --out folder').argParser(reporterNames(Object.keys(reporters))))
    .option('-o, --out <dir>', 'output folder for the report and every case record (default: .agentcheck/runs/<time>-<adapter>)')
    .addOption(forceOption())
    .option('--min-score <n>', 'gate on the score (0-100) instead of on every case passing', wholeNumber('--min-score', 0, 100))
    .addOption(timeoutOption(10_000))
    .addOption(concurrencyOption())
    .option('--repeat <n>', 'run each case n times on the same seed: a case fails if any run failed, and the report says how often each verdict came out (for racy runtimes)', wholeNumber('--repeat', 1, 1000), 1)
    .action(async (targets: string[], flags: RunFlags) => exit(await run(targets, flags)));
}

/** Run the scenarios, print the report, and say how the gate came out as an exit code. */
export async function run(targets: string[], o: RunFlags): Promise<number> {
  const scenarios = await selectScenarios(targets);
  const adapter = await loadAdapter(o.adapter);
  const seed = o.seed ?? randomInt(2 ** 31 - 1);
  // The run owns its folder until it ends: a second run into it is refused (exit 64).
  const { outDir, release } = outDirFor(o.out, 'runs', adapter.name, o.force);
  try {
    const interrupt = interruptible(outDir);
    const times = o.repeat > 1 ? `, each run ${o.repeat} times` : '';
    process.stderr.write(`agentcheck ${VERSION}: ${scenarios.length} case(s) on ${adapter.name}${times}, seed ${seed}, ${o.concurrency} at a time; records in ${outDir}\n`);
    const fromFile = targets.filter((t) => existsSync(t));
    const report = await asCouldNotRun(adapter.name, () =>
      runSuite({
        adapter,
        adapterArg: o.adapter,
        scenarios,
        sourceOf: (s) => fromFile.find((f) => f.includes(s.id)) ?? s.id,
        seed,
        outDir,
        timeoutMs: o.timeout,
        concurrency: o.concurrency,
        repeat: o.repeat,
        minScore: o.minScore,
        signal: interrupt.signal,
        reporters: [runProgress()],
      }),
    );
    printReport(report, o.reporter?.length ? o.reporter : ['terminal'], outDir);
    return interrupt.exitCode ?? gateExitCode(report);
  } finally {
    release();
  }
}

/** 2 when a case could not run at all, else 0 or 1 as the gate says. */
function gateExitCode(report: Report): number {
  const broken = report.cases.filter((c) => c.error).length;
  if (broken === 0) return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
  process.stderr.write(`agentcheck could not run ${broken} case(s): see the errors above\n`);
  return EXIT.couldNotRun;
}
