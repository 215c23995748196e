import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CaseResult } from '../report/case.js';
import type { GateOptions } from '../report/gate.js';
import { fanOut, type Reporter } from '../report/reporter.js';
import type { Report } from '../report/schema.js';
import type { AgentConfig, AgentScenario } from './config.js';
import { agentCaseResult } from './report.js';
import { agentCoverage } from './coverage.js';
import { writeAgentReport } from './report-file.js';
import { runAgentCase, type AgentCaseResult } from './run-case.js';

export interface AgentSuiteOptions {
  config: AgentConfig;
  /** The config file as given, for the replay command. */
  configFile: string;
  /** The config's folder: where the agent's commands run. */
  dir: string;
  scenarios: AgentScenario[];
  seed: number;
  outDir: string;
  gate?: GateOptions;
  reporters?: readonly Reporter[];
}

/**
 * Every scenario of the config against the agent, one after another (each starts its
 * own worker on its own port), scored and gated into the same report a runtime gets.
 * Writes report.json and, as before, results.json (the agent's own result, with its faults as fired).
 */
export async function runAgentSuite(o: AgentSuiteOptions): Promise<{ report: Report; results: AgentCaseResult[] }> {
  const started = Date.now();
  mkdirSync(o.outDir, { recursive: true });
  const hear = fanOut(o.reporters ?? []);
  hear.onRunStart({ seed: o.seed, concurrency: 1, outDir: o.outDir, total: o.scenarios.length });
  const results: AgentCaseResult[] = [];
  const cases: CaseResult[] = [];
  for (const s of o.scenarios) {
    hear.onCaseStart({ id: s.name });
    const dir = join(o.outDir, s.name);
    const r = await runAgentCase(o.config, o.dir, s, o.seed, dir);
    results.push(r);
    const repro = `npx agentcheck run ${s.name} --config ${relative(process.cwd(), o.configFile) || o.configFile} --seed ${o.seed}`;
    cases.push(agentCaseResult(s, r, repro, dir));
    hear.onCaseEnd({ result: cases.at(-1)!, done: cases.length, total: o.scenarios.length });
  }
  const report = writeAgentReport({ dir: o.dir, config: o.config, seed: o.seed, started, interrupted: false, cases, coverage: agentCoverage(o.config, o.scenarios, 'run'), ...(o.gate ? { gate: o.gate } : {}), outDir: o.outDir });
  writeFileSync(join(o.outDir, 'results.json'), JSON.stringify(results.map(({ history, ...r }) => ({ ...r, faults: history.faults })), null, 2));
  hear.onRunEnd(report);
  return { report, results };
}
