import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { CaseResult } from '../report/case.js';
import { parseExactly } from '../report/exact.js';
import { judgeGate, type GateOptions } from '../report/gate.js';
import { fanOut, type Reporter } from '../report/reporter.js';
import { Report, SCHEMA_VERSION } from '../report/schema.js';
import { scoreCases } from '../scorecard.js';
import { VERSION } from '../version.js';
import type { AgentConfig, AgentScenario } from './config.js';
import { agentCaseResult } from './report.js';
import { agentCoverage } from './coverage.js';
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
 * What agentcheck cannot judge of your own agent, said beside the categories it leaves empty:
 * the runtime's history is read only when the config names the runtime (decision 0105).
 */
const lacksOf = (config: AgentConfig) => ({
  ...(config.runtime ? {} : { 'read-history': 'not judged: no runtime declared (`runtime` in agentcheck.config.ts)' }),
  traces: 'your agent is not checked for traces yet',
});

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
  const lacks = lacksOf(o.config);
  const scorecard = scoreCases(cases, lacks);
  const report = parseExactly(Report, {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'agentcheck', version: VERSION },
    adapter: { name: `your agent (${basename(o.dir)})`, lacks },
    seed: o.seed,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    interrupted: false,
    scorecard,
    gate: judgeGate(cases, scorecard, o.gate),
    coverage: agentCoverage(o.config, o.scenarios, 'run'),
    cases,
  });
  writeFileSync(join(o.outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(o.outDir, 'results.json'), JSON.stringify(results.map(({ history, ...r }) => ({ ...r, faults: history.faults })), null, 2));
  hear.onRunEnd(report);
  return { report, results };
}
