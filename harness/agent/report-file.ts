import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CaseResult } from '../report/case.js';
import type { Coverage } from '../report/coverage.js';
import { parseExactly } from '../report/exact.js';
import { judgeGate, type GateOptions } from '../report/gate.js';
import { Report, SCHEMA_VERSION } from '../report/schema.js';
import { scoreCases } from '../scorecard.js';
import { VERSION } from '../version.js';
import type { AgentConfig } from './config.js';

/**
 * What agentcheck cannot judge of your own agent, said beside the categories it leaves empty:
 * the runtime's history is read only when the config names the runtime (decision 0105).
 */
export const ownAgentLacks = (config: Pick<AgentConfig, 'runtime'>) => ({
  ...(config.runtime ? {} : { 'read-history': 'not judged: no runtime declared (`runtime` in agentcheck.config.ts)' }),
  traces: 'your agent is not checked for traces yet',
});

export interface AgentReportInput {
  /** The config's folder: the agent is named after it. */
  dir: string;
  config: Pick<AgentConfig, 'runtime'>;
  seed: number;
  started: number;
  interrupted: boolean;
  cases: CaseResult[];
  coverage: Coverage;
  gate?: GateOptions;
  outDir: string;
}

/**
 * The report of your own agent's cases, scored and gated as a runtime's, written to
 * report.json: `agentcheck run` (its scenarios) and `agentcheck explore` (its generated
 * cases, decision 0108) write the same model, so every reporter reads either.
 */
export function writeAgentReport(o: AgentReportInput): Report {
  const lacks = ownAgentLacks(o.config);
  const scorecard = scoreCases(o.cases, lacks);
  const report = parseExactly(Report, {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'agentcheck', version: VERSION },
    adapter: { name: `your agent (${basename(o.dir)})`, lacks },
    seed: o.seed,
    startedAt: new Date(o.started).toISOString(),
    durationMs: Date.now() - o.started,
    interrupted: o.interrupted,
    scorecard,
    gate: judgeGate(o.cases, scorecard, o.gate),
    coverage: o.coverage,
    cases: o.cases,
  });
  writeFileSync(join(o.outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}
