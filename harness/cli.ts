import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { randomInt } from 'node:crypto';
import { CouldNotRunError, EXIT, UsageError } from './errors.js';
import { builtInAdapterNames, loadAdapter } from './load-adapter.js';
import type { Report } from './report/schema.js';
import { addGateOptions, finishRun, gateOptionsFrom, loadReporters, registerReportCommands, reporterList, writeReports, type GateFlags } from './report/command.js';
import { shardOf, type Shard } from './report/shard.js';
import { runSuite } from './run-suite.js';
import { describeRepeats } from './case/repeats.js';
import type { CaseResult } from './case/run-case.js';
import { builtInReadme, builtInScenarioIds, loadBuiltIn, selectScenarios } from './scenario/discover.js';
import { interruptible } from './process/interrupt.js';
import { useColor, paint } from '../reports/color.js';
import { VERSION } from './version.js';
import { registerExplore } from './explore/command.js';

const int = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => (v: string) => {
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max) throw new InvalidArgumentError(`${name} takes a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, not "${v}"`);
  return n;
};

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');
}

export function buildProgram(): Command {
  const program = new Command('agentcheck')
    .description('Conformance tests and chaos for durable agent runtimes: does yours resume after a crash without repeating side effects?')
    .version(VERSION)
    .showHelpAfterError('(add --help for usage)')
    // Set before the subcommands exist, so they inherit it: bad usage exits 64, not 1.
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const run = program
    .command('run')
    .description('run scenarios against a runtime and print its readiness scorecard')
    .argument('[scenarios...]', 'built-in scenario ids or globs (e.g. "approvals/*"), or scenario files (.yaml, .json, .ts); default: every built-in')
    .option('-a, --adapter <name|path>', 'a built-in adapter name or the path of your own adapter module', 'reference')
    .option('-s, --seed <n>', 'seed for every random choice (default: random, printed)', int('--seed', 0, 2 ** 31 - 1))
    .addOption(new Option('-r, --reporter <names>', 'terminal, json, junit, markdown, html, badge, or the path of your own reporter module (comma-separated); one prints on stdout, with several the others are written to the --out folder (html and badge always are)').argParser(reporterList))
    .option('-o, --out <dir>', 'output folder for the report and every case record (default: .agentcheck/runs/<time>-<adapter>)')
    .option('--min-score <n>', 'gate on the score (0-100) instead of on every case passing', int('--min-score', 0, 100))
    .option('--timeout <ms>', 'time a run gets to finish once faults heal, on top of the time its plan needs', int('--timeout', 1), 10_000)
    .option('-c, --concurrency <n>', 'cases run at once, each on its own worker', int('--concurrency', 1, 64), Math.max(1, Math.min(4, availableParallelism())))
    .option('--repeat <n>', 'run each case n times on the same seed: a case fails if any run failed, and the report says how often each verdict came out (for racy runtimes)', int('--repeat', 1, 1000), 1);
  addGateOptions(run).action(async (targets: string[], o: GateFlags & { adapter: string; seed?: number; reporter?: string[]; out?: string; timeout: number; concurrency: number; repeat: number; shard?: Shard }) => {
      if (o.shard && o.seed === undefined) throw new UsageError('--shard needs --seed: every shard of a run must draw from the same seed (e.g. --seed $GITHUB_RUN_NUMBER)');
      const gate = gateOptionsFrom(o);
      const names = o.reporter?.length ? o.reporter : ['terminal'];
      await loadReporters(names); // a reporter module that does not load is bad usage before any case runs
      const scenarios = await selectScenarios(targets);
      const adapter = await loadAdapter(o.adapter);
      const seed = o.seed ?? randomInt(2 ** 31 - 1);
      const outDir = resolve(o.out ?? join('.agentcheck', 'runs', `${stamp()}-${adapter.name}`));
      const controller = interruptible(outDir);
      const count = o.shard ? shardOf(scenarios, o.shard).length : scenarios.length;
      const progress = progressPrinter(count);
      const times = o.repeat > 1 ? `, each run ${o.repeat} times` : '';
      const part = o.shard ? ` (shard ${o.shard.index}/${o.shard.total} of ${scenarios.length})` : '';
      process.stderr.write(`agentcheck ${VERSION}: ${count} case(s)${part} on ${adapter.name}${times}, seed ${seed}, ${o.concurrency} at a time; records in ${outDir}\n`);
      const fromFile = new Map(targets.filter((t) => existsSync(t)).map((t) => [t, t] as const));
      let report: Report;
      try {
        report = await runSuite({
          adapter,
          adapterArg: o.adapter,
          scenarios,
          sourceOf: (s) => [...fromFile.keys()].find((f) => f.includes(s.id)) ?? s.id,
          seed,
          outDir,
          timeoutMs: o.timeout,
          concurrency: o.concurrency,
          repeat: o.repeat,
          gate,
          ...(o.shard ? { shard: o.shard } : {}),
          signal: controller.signal,
          onCaseStart: progress.start,
          onCaseEnd: progress.end,
          onRunEnd: progress.run,
        });
      } catch (err) {
        throw err instanceof UsageError ? err : new CouldNotRunError(`${adapter.name}: ${(err as Error).message}`);
      }
      progress.clear();
      report = finishRun(report, o, gate, outDir);
      await writeReports(report, names, outDir);
      if (controller.signal.aborted) return;
      if (report.cases.some((c) => c.error)) {
        process.stderr.write(`agentcheck could not run ${report.cases.filter((c) => c.error).length} case(s): see the errors above\n`);
        process.exitCode = EXIT.couldNotRun;
      } else process.exitCode = report.gate.passed ? EXIT.passed : EXIT.gateFailed;
    });

  const list = program.command('list').description('list built-in scenarios or adapters');
  list
    .command('scenarios')
    .description('every built-in scenario, with what it proves')
    .action(async () => {
      for (const id of builtInScenarioIds()) {
        const s = await loadBuiltIn(id);
        process.stdout.write(`${id.padEnd(44)} ${s.description}\n`);
      }
      process.stdout.write(`\nEach has a README: ${builtInReadme('<id>')}\n`);
    });
  list
    .command('adapters')
    .description('every built-in adapter')
    .action(async () => {
      const names = builtInAdapterNames();
      const width = Math.max(...names.map((n) => n.length));
      for (const name of names) {
        const a = await loadAdapter(name);
        process.stdout.write(`${name.padEnd(width)}  ${a.description}\n`);
      }
      process.stdout.write('\nYour own: --adapter ./path/to/adapter.ts (see docs/adapters.md)\n');
    });

  registerReportCommands(program);
  registerExplore(program);
  return program;
}

function progressPrinter(total: number) {
  const tty = Boolean(process.stderr.isTTY);
  const c = paint(useColor(process.stderr));
  const running = new Set<string>();
  let done = 0;
  const line = () => {
    if (tty) process.stderr.write(`\r\x1b[K[${done}/${total}] running ${[...running].join(', ')}`);
  };
  return {
    start: (s: { id: string }) => {
      running.add(s.id);
      line();
    },
    end: (r: CaseResult, n: number) => {
      running.delete(r.id);
      done = n;
      const mark = r.verdict === 'pass' ? c.green('✓') : r.verdict === 'skipped' ? c.dim('-') : r.verdict === 'fail' ? c.red('✗') : c.yellow('?');
      const secs = r.metrics ? ` ${(r.metrics.durationMs / 1000).toFixed(1)} s` : '';
      if (tty) process.stderr.write('\r\x1b[K');
      const often = describeRepeats(r);
      process.stderr.write(`${mark} [${n}/${total}] ${r.id} ${r.verdict}${often ? ` (${often})` : ''}${secs}\n`);
      line();
    },
    /** One line per run of a repeated case: a long --repeat shows it is moving. */
    run: (r: CaseResult, k: number, n: number) => {
      const secs = r.metrics ? ` ${(r.metrics.durationMs / 1000).toFixed(1)} s` : '';
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(c.dim(`  ${r.id} run ${k}/${n}: ${r.verdict}${secs}`) + '\n');
      line();
    },
    clear: () => {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  // `agentcheck ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.usage;
    } else if (err instanceof UsageError || err instanceof CouldNotRunError) {
      process.stderr.write(`agentcheck: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`agentcheck: internal error: ${(err as Error).message}\n(please report it with the command you ran; set AGENTCHECK_DEBUG=1 for details)\n`);
      if (process.env.AGENTCHECK_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
      process.exitCode = EXIT.couldNotRun;
    }
  }
}
