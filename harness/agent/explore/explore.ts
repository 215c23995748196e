import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CaseResult } from '../../report/case.js';
import { plural } from '../../report/words.js';
import { CaseLog, type CaseRecord } from '../../explore/case-log.js';
import { generatedAt } from '../../explore/replay.js';
import { UsageError } from '../../errors.js';
import { failedProperties } from '../../explore/run-generated.js';
import { search } from '../../explore/search.js';
import { shrinkBy } from '../../explore/shrink.js';
import type { AgentConfig, AgentScenario } from '../config.js';
import { agentCaseResult } from '../report.js';
import { runAgentCase } from '../run-case.js';
import { agentCaseArbitrary, agentCaseKey, agentCaseSize, AGENT_EXPLORE_DEFAULTS, AGENT_FAULT_KINDS, type AgentGenerateOptions, type GeneratedAgentCase } from './arbitrary.js';
import { describeAgentCase, scenarioLiteral } from './describe.js';
import { agentExploreCommand, type AgentReplayFlags } from './replay-command.js';
import { exploreSpace } from './space.js';
import { agentCellsOf, agentCoverage } from '../coverage.js';
import { coverageSteering, STEER_WINDOW } from '../../explore/steer.js';
import { writeAgentReport } from '../report-file.js';
import type { Coverage } from '../../report/coverage.js';

export interface AgentExploreOptions {
  config: AgentConfig;
  /** The config file as the user gave it, for replay commands. */
  configFile: string;
  /** The config's folder: where the agent's commands run. */
  dir: string;
  seed?: number;
  runs?: number;
  timeLimitMs?: number;
  shrinkTimeMs?: number;
  maxTurns?: number;
  maxFaults?: number;
  faultKinds?: AgentGenerateOptions['faultKinds'];
  /** Choose each case toward cells of the own-agent coverage not yet covered (default true), as a runtime's explore does. */
  steer?: boolean;
  outDir: string;
  signal?: AbortSignal;
  onCaseEnd?(c: AgentRanCase): void;
  /** Runs one case; tests hand a fake agent here. */
  runCase?: typeof runAgentCase;
}

export interface AgentRanCase {
  scenario: AgentScenario;
  result: CaseResult;
  record: CaseRecord;
}

export interface AgentExploreResult {
  seed: number;
  outDir: string;
  cases: { total: number; passed: number; failed: number; unknown: number; errors: number };
  undecided: CaseRecord[];
  searchMs: number;
  durationMs: number;
  timeUp: boolean;
  interrupted: boolean;
  /** Whether cases were chosen toward uncovered cells. */
  steered: boolean;
  /** What the explored cases reached, in the cells your config allows (harness/agent/coverage.ts). */
  coverage: Coverage;
  failure?: {
    found: { path: string; turns: number; faults: number; runs: number };
    minimal: { path: string; scenario: AgentScenario; verdict: string; failed: string[]; dir: string; turns: number; faults: number; file: string };
    shrink: { tried: number; ran: number; timeMs: number; budgetHit: boolean };
    replays: { runs: number; failed: number };
    replay: string;
    text: string;
  };
}

/**
 * Explore your own agent (decision 0078): generate model scripts and fault schedules from
 * what the config allows, run each against the agent as `agentcheck run` runs a scenario,
 * judge the own-agent properties, and shrink the first failure to the fewest turns and
 * faults that still fail the same way, with the command that replays it. The search and
 * the shrinker are explore's own (harness/explore/), over a different kind of case.
 */
export async function exploreAgent(o: AgentExploreOptions): Promise<AgentExploreResult> {
  const started = Date.now();
  const seed = o.seed ?? randomInt(2 ** 31 - 1);
  const gen = { maxTurns: o.maxTurns ?? AGENT_EXPLORE_DEFAULTS.maxTurns, maxFaults: o.maxFaults ?? AGENT_EXPLORE_DEFAULTS.maxFaults, faultKinds: o.faultKinds ?? AGENT_FAULT_KINDS };
  const arbitrary = agentCaseArbitrary(exploreSpace(o.config), gen);
  const flags: AgentReplayFlags = { configFile: relative(process.cwd(), o.configFile) || o.configFile, seed, maxTurns: gen.maxTurns, maxFaults: gen.maxFaults, faultKinds: gen.faultKinds };
  mkdirSync(o.outDir, { recursive: true });
  const log = new CaseLog(join(o.outDir, 'explore.jsonl'));
  const runOne = agentCaseRunner({ ...o, seed, log, flags });
  const runs = o.runs ?? (o.timeLimitMs === undefined ? AGENT_EXPLORE_DEFAULTS.runs : undefined);

  const steered = o.steer ?? true;
  const model = agentCoverage(o.config, [], 'explore', gen.faultKinds).axes;
  const searchStarted = Date.now();
  const found = await search(runOne, arbitrary, {
    seed,
    concurrency: 1,
    ...(steered ? { steer: coverageSteering(model, STEER_WINDOW, agentCellsOf(o.config, gen.faultKinds)) } : {}),
    ...(runs !== undefined ? { runs } : {}),
    ...(o.timeLimitMs !== undefined ? { timeLimitMs: o.timeLimitMs } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onCaseEnd ? { onCaseEnd: o.onCaseEnd } : {}),
  });
  const count = (v: string) => found.cases.filter((c) => c.result.verdict === v).length;
  const result: AgentExploreResult = {
    seed,
    outDir: o.outDir,
    cases: { total: found.cases.length, passed: count('pass'), failed: count('fail'), unknown: count('unknown'), errors: found.cases.filter((c) => c.result.error).length },
    undecided: found.cases.filter((c) => c.result.verdict === 'unknown').map((c) => c.record),
    searchMs: Date.now() - searchStarted,
    durationMs: 0,
    timeUp: found.timeUp,
    interrupted: Boolean(o.signal?.aborted),
    steered,
    coverage: agentCoverage(o.config, found.cases.map((c) => c.scenario), 'explore', gen.faultKinds),
  };
  let shrunkResult: CaseResult | undefined;
  if (found.failure && !o.signal?.aborted) {
    const budgetMs = o.shrinkTimeMs ?? AGENT_EXPLORE_DEFAULTS.shrinkTimeMs;
    const shrunk = await shrinkBy(runOne, arbitrary, { seed, index: found.failure.index, found: found.failure, budgetMs, ...(o.signal ? { signal: o.signal } : {}) }, { size: agentCaseSize, key: agentCaseKey });
    const { minimal } = shrunk;
    shrunkResult = minimal.result;
    const replay = agentExploreCommand(flags, shrunk.path);
    const file = join(o.outDir, `${minimal.scenario.name}.scenario.json`);
    writeFileSync(file, scenarioLiteral(minimal.scenario) + '\n');
    const size = agentCaseSize(minimal.scenario);
    const foundSize = agentCaseSize(found.failure.scenario);
    const budget = shrunk.budgetHit ? `; the shrink budget of ${Math.round(budgetMs / 1000)} s ran out, so a smaller case may exist (raise --shrink-time)` : '';
    const text = [
      `Failure found after ${plural(found.failure.nth, 'case')} (${plural(foundSize.steps, 'model turn')}, ${plural(foundSize.faults, 'fault')}), shrunk to ${plural(size.steps, 'model turn')} and ${plural(size.faults, 'fault')} in ${(shrunk.timeMs / 1000).toFixed(1)} s (${shrunk.ran} of ${shrunk.tried} candidates run${budget}):`,
      describeAgentCase(minimal.scenario, minimal.result),
      `  replayed: failed ${shrunk.replays.failed} of ${shrunk.replays.runs} runs${shrunk.replays.failed < shrunk.replays.runs ? ' — the failure depends on timing; replay it a few times to see how often' : ''}`,
      `  as a scenario of ${flags.configFile} (also in ${file}):`,
      scenarioLiteral(minimal.scenario).replace(/^/gm, '    '),
      `  record: ${minimal.result.dir}`,
      '  replay:',
      `    ${replay}`,
    ].join('\n');
    result.failure = {
      found: { path: String(found.failure.index), turns: foundSize.steps, faults: foundSize.faults, runs: found.failure.nth },
      minimal: { path: shrunk.path, scenario: minimal.scenario, verdict: minimal.result.verdict, failed: failedProperties(minimal.result), dir: minimal.result.dir, turns: size.steps, faults: size.faults, file },
      shrink: { tried: shrunk.tried, ran: shrunk.ran, timeMs: shrunk.timeMs, budgetHit: shrunk.budgetHit },
      replays: shrunk.replays,
      replay,
      text,
    };
    result.interrupted = Boolean(o.signal?.aborted);
  }
  // The cases the search ran, and the minimal one the shrinker found (with the command that replays it), as a run's report carries its cases.
  const minimal = result.failure && !found.cases.some((c) => String(c.index) === result.failure!.minimal.path) ? [shrunkResult!] : [];
  writeAgentReport({ dir: o.dir, config: o.config, seed, started, interrupted: result.interrupted, cases: [...found.cases.map((c) => c.result), ...minimal], coverage: result.coverage, outDir: o.outDir });
  result.durationMs = Date.now() - started;
  writeFileSync(join(o.outDir, 'summary.json'), JSON.stringify(result, (k, v) => (k === 'faults' && Array.isArray(v) ? v.map((f: { text?: string } | string) => (typeof f === 'string' ? f : f.text)) : v), 2) + '\n');
  return result;
}

/** A generated case's name: where it was found, kebab-case so it can be pasted into the config's scenarios as it is. */
export const caseName = (seed: number, path: string) => `explore-${seed}-${path.replace(/:/g, '-')}`;

/** Run the one generated case at seed + path again, exactly as explore ran it. */
export async function replayAgentPath(o: AgentExploreOptions & { seed: number; path: string }): Promise<{ ran: AgentRanCase; text: string }> {
  const gen = { maxTurns: o.maxTurns ?? AGENT_EXPLORE_DEFAULTS.maxTurns, maxFaults: o.maxFaults ?? AGENT_EXPLORE_DEFAULTS.maxFaults, faultKinds: o.faultKinds ?? AGENT_FAULT_KINDS };
  let generated: GeneratedAgentCase;
  try {
    generated = await generatedAt(agentCaseArbitrary(exploreSpace(o.config), gen), o.seed, o.path);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const flags: AgentReplayFlags = { configFile: relative(process.cwd(), o.configFile) || o.configFile, seed: o.seed, ...gen };
  mkdirSync(o.outDir, { recursive: true });
  const ran = await agentCaseRunner({ ...o, log: new CaseLog(join(o.outDir, 'explore.jsonl')), flags })(generated, o.path, 'replay');
  const text = [`Case ${o.path} of seed ${o.seed} on your agent: ${ran.result.verdict}`, describeAgentCase(ran.scenario, ran.result), `  record: ${ran.result.dir}`].join('\n');
  return { ran, text };
}

type RunnerContext = Pick<AgentExploreOptions, 'config' | 'configFile' | 'dir' | 'outDir' | 'signal' | 'runCase'> & { seed: number; log: CaseLog; flags: AgentReplayFlags };

/** Runs one generated case under the name its path gives it; a repetition (from 2) gets a folder of its own. */
export const agentCaseRunner =
  (ctx: RunnerContext) =>
  async (generated: GeneratedAgentCase, path: string, phase: CaseRecord['phase'], repetition?: number): Promise<AgentRanCase> => {
    const scenario: AgentScenario = { ...generated, name: caseName(ctx.seed, path) };
    const dir = join(ctx.outDir, 'cases', `${scenario.name}${repetition && repetition > 1 ? `-r${repetition}` : ''}`);
    const r = await (ctx.runCase ?? runAgentCase)(ctx.config, ctx.dir, scenario, ctx.seed, dir);
    const result = agentCaseResult(scenario, r, agentExploreCommand(ctx.flags, path), dir);
    const record: CaseRecord = { phase, path, id: scenario.name, verdict: result.verdict, steps: scenario.model.length, faults: result.faults, failed: failedProperties(result), durationMs: r.durationMs, dir };
    if (!(ctx.signal?.aborted && result.verdict === 'unknown')) ctx.log.add(record);
    return { scenario, result, record };
  };
