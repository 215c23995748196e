import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, UsageError } from '../../harness/errors.js';
import { CONFIG_FILE } from '../../harness/agent/config-file.js';
import type { AgentCaseResult } from '../../harness/agent/run-case.js';

/** `agentcheck agent`: run your own, unmodified agent through the scenarios of agentcheck.config.ts. */
export function registerAgent(program: Command, exit: (code: number) => void): void {
  program
    .command('agent')
    .description('run your own agent (agentcheck.config.ts) against a scripted model and a fake outside world, with faults')
    .option('-c, --config <file>', 'the config file', CONFIG_FILE)
    .option('--seed <n>', 'seed for the world (service bodies)', '1')
    .option('--scenario <name>', 'run only this scenario')
    .option('-o, --out <dir>', 'where each case keeps its effects and worker log', '.agentcheck/agent')
    .action(async (o: { config: string; seed: string; scenario?: string; out: string }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${o.seed}`);
      // Loaded here, not at start: every other command stays as quick to start as before.
      const { loadAgentConfig } = await import('../../harness/agent/load-config.js');
      const { runAgentCase } = await import('../../harness/agent/run-case.js');
      const { config, dir } = await loadAgentConfig(o.config);
      const scenarios = config.scenarios.filter((s) => !o.scenario || s.name === o.scenario);
      if (scenarios.length === 0) throw new UsageError(`--scenario: ${o.config} has no scenario named ${o.scenario}`);
      const results: AgentCaseResult[] = [];
      for (const s of scenarios) {
        const r = await runAgentCase(config, dir, s, seed, resolve(o.out, s.name));
        results.push(r);
        process.stdout.write(formatCase(r));
      }
      writeFileSync(join(resolve(o.out), 'results.json'), JSON.stringify(results.map(({ history, ...r }) => ({ ...r, faults: history.faults })), null, 2));
      exit(results.some((r) => r.verdict !== 'pass') ? EXIT.gateFailed : EXIT.passed);
    });
}

function formatCase(r: AgentCaseResult): string {
  const lines = [`${r.verdict.toUpperCase().padEnd(7)} ${r.scenario} (seed ${r.seed}, ${(r.durationMs / 1000).toFixed(1)} s${r.wastedTokens ? `, ${r.wastedTokens} tokens wasted` : ''})`];
  for (const p of r.properties) {
    lines.push(`  ${p.verdict.padEnd(7)} ${p.id}`);
    for (const e of p.evidence) lines.push(`          ${e.message}`);
  }
  for (const n of r.notes) lines.push(`  note    ${n}`);
  return lines.join('\n') + '\n';
}
