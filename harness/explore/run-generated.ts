import type { Adapter } from '../adapter.js';
import { runCase, type CaseResult } from '../case/run-case.js';
import type { SparePool } from '../case/spares.js';
import type { PropertyId } from '../checkers/verdict.js';
import { allSteps } from '../plan/walk.js';
import type { Scenario } from '../scenario/schema.js';
import type { GeneratedScenario } from './arbitrary/scenario.js';
import type { CaseLog, CaseRecord } from './case-log.js';
import { generatedId } from './options.js';

/** What every generated case of one exploration shares (not the adapter's CaseContext, which is one case's). */
export interface ExploreSession {
  adapter: Adapter;
  seed: number;
  outDir: string;
  timeoutMs: number;
  log: CaseLog;
  replayCommand: (path: string) => string;
  signal?: AbortSignal;
  /** The exploration's warm spare workers (decision 0074). */
  spares?: SparePool;
  /** Properties not judged in any case (explore --ignore). */
  ignore?: readonly PropertyId[];
}

/**
 * Runs one generated case under its path; search and shrink take one, so tests can pass a fake.
 * `repetition` (from 2) runs the same case again with run ids and a record folder of its own.
 */
export type RunOne = (generated: GeneratedScenario, path: string, phase: CaseRecord['phase'], repetition?: number) => Promise<RanCase>;

export interface RanCase {
  scenario: Scenario;
  result: CaseResult;
  record: CaseRecord;
}

export const failedProperties = (r: CaseResult): PropertyId[] => r.properties.filter((p) => p.verdict === 'fail').map((p) => p.id);

export function sizeOf(s: Pick<Scenario, 'plan' | 'faults'>): { steps: number; faults: number } {
  return { steps: allSteps(s.plan).length, faults: s.faults.length };
}

export const caseRunner = (ctx: ExploreSession): RunOne => (generated, path, phase, repetition) => runGenerated(ctx, generated, path, phase, repetition);

/** Run one generated case under the id its path gives it, and stream its record. */
export async function runGenerated(ctx: ExploreSession, generated: GeneratedScenario, path: string, phase: CaseRecord['phase'], repetition?: number): Promise<RanCase> {
  const scenario: Scenario = { ...generated, id: generatedId(ctx.seed, path) };
  const started = Date.now();
  const result = await runCase({ adapter: ctx.adapter, scenario, seed: ctx.seed, outDir: ctx.outDir, timeoutMs: ctx.timeoutMs, repro: ctx.replayCommand(path), signal: ctx.signal, ...(ctx.spares ? { spares: ctx.spares } : {}), ...(ctx.ignore?.length ? { ignore: ctx.ignore } : {}), ...(repetition && repetition > 1 ? { repetition } : {}) });
  const record: CaseRecord = {
    phase,
    path,
    id: scenario.id,
    verdict: result.verdict,
    steps: sizeOf(scenario).steps,
    faults: result.faults,
    failed: failedProperties(result),
    durationMs: Date.now() - started,
    dir: result.dir,
    ...(result.error ? { error: result.error } : {}),
    ...(result.skipReason ? { skipReason: result.skipReason } : {}),
  };
  // A case cut off by an interrupt is not a result: keep it out of the stream.
  if (!(ctx.signal?.aborted && result.verdict === 'unknown')) ctx.log.add(record);
  return { scenario, result, record };
}
