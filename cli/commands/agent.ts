import type { Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../../harness/errors.js';
import { CONFIG_FILE } from '../../harness/agent/config-file.js';
import type { CaseResult } from '../../harness/report/case.js';
import type { GateOptions } from '../../harness/report/gate.js';
import type { Reporter } from '../../harness/report/reporter.js';
import { announceOnGitHub } from '../gate-options.js';
import { chooseReporters, writeReports } from '../output.js';

/** `agentcheck agent`: run your own, unmodified agent through the scenarios of agentcheck.config.ts. */
export function registerAgent(program: Command, exit: (code: number) => void): void {
  program
    .command('agent')
    .description('run your own agent (agentcheck.config.ts) against a scripted model and a fake outside world, with faults (what `run` does when the config is there)')
    .option('-c, --config <file>', 'the config file', CONFIG_FILE)
    .option('--seed <n>', 'seed for the world (service bodies)', '1')
    .option('--scenario <name>', 'run only this scenario')
    .option('-o, --out <dir>', 'where each case keeps its effects and worker log, beside report.json', '.agentcheck/agent')
    .action(async (o: { config: string; seed: string; scenario?: string; out: string }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${o.seed}`);
      exit(await runOwnAgent({ configFile: o.config, seed, scenarios: o.scenario ? [o.scenario] : [], outDir: resolve(o.out), reporterNames: ['terminal'], live: process.stdout }));
    });
}

export interface OwnAgentRun {
  configFile: string;
  seed: number;
  /** Scenario names to run; empty: all of them. */
  scenarios: string[];
  outDir: string;
  reporterNames: string[];
  gate?: GateOptions;
  /** Where each case's lines go as it ends. */
  live: NodeJS.WritableStream;
  /** Lets go of the --out folder, when the caller claimed it. */
  release?: () => void;
}

/** Load the config, run its scenarios, write the reports; the exit code the gate says. */
export async function runOwnAgent(o: OwnAgentRun): Promise<number> {
  // Loaded here, not at start: every other command stays as quick to start as before.
  const { loadAgentConfig } = await import('../../harness/agent/load-config.js');
  const { runAgentSuite } = await import('../../harness/agent/suite.js');
  const chosen = await chooseReporters(o.reporterNames);
  const { config, dir } = await loadAgentConfig(o.configFile);
  const unknown = o.scenarios.filter((n) => !config.scenarios.some((s) => s.name === n));
  if (unknown.length) throw new UsageError(`--scenario: ${o.configFile} has no scenario named ${unknown[0]} (it has ${config.scenarios.map((s) => s.name).join(', ')})`);
  const scenarios = config.scenarios.filter((s) => o.scenarios.length === 0 || o.scenarios.includes(s.name));
  const live: Reporter = { onCaseEnd: ({ result }) => o.live.write(formatCase(result)) };
  try {
    const { report } = await runAgentSuite({ config, configFile: resolve(o.configFile), dir, scenarios, seed: o.seed, outDir: o.outDir, ...(o.gate ? { gate: o.gate } : {}), reporters: [live, ...chosen.map((c) => c.reporter)] });
    announceOnGitHub(report);
    writeReports(report, chosen, o.outDir);
    return report.gate.passed ? EXIT.passed : EXIT.gateFailed;
  } finally {
    o.release?.();
  }
}

/** A case as it ends: its verdict, each property with its evidence, why it is undecided. */
function formatCase(r: CaseResult): string {
  const wasted = r.metrics?.wastedTokens;
  const lines = [`${r.verdict.toUpperCase().padEnd(7)} ${r.scenario} (${((r.metrics?.durationMs ?? 0) / 1000).toFixed(1)} s${wasted ? `, ${wasted} tokens wasted` : ''})`];
  for (const p of r.properties) {
    lines.push(`  ${p.verdict.padEnd(7)} ${p.id}`);
    for (const e of p.evidence) lines.push(`          ${e.message}`);
  }
  for (const n of r.notes ?? []) lines.push(`  note    ${n}`);
  return lines.join('\n') + '\n';
}
