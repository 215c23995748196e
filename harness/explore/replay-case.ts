import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from '../adapter.js';
import { setUpAdapter, tearDownAdapter } from '../adapter-calls.js';
import type { CaseResult } from '../case/run-case.js';
import { UsageError } from '../errors.js';
import type { FaultKind } from '../faults/registry.js';
import type { Scenario } from '../scenario/schema.js';
import type { PropertyId } from '../checkers/verdict.js';
import { scenarioArbitrary } from './arbitrary/scenario.js';
import { CaseLog } from './case-log.js';
import { describeCase } from './describe.js';
import { EXPLORE_DEFAULTS, exploreReplayCommand, generateOptionsFor, replayFlags } from './options.js';
import { generatedAt } from './replay.js';
import { runGenerated } from './run-generated.js';

export interface ReplayOptions {
  adapter: Adapter;
  adapterArg?: string;
  seed: number;
  path: string;
  maxSteps?: number;
  faultKinds?: FaultKind[];
  agents?: boolean;
  policies?: boolean;
  ignore?: readonly PropertyId[];
  timeoutMs?: number;
  outDir: string;
  signal?: AbortSignal;
}

/** Run the one generated case at seed + path again, exactly as explore ran it. */
export async function replayPath(opts: ReplayOptions): Promise<{ scenario: Scenario; result: CaseResult; text: string }> {
  const gen = generateOptionsFor(opts.adapter, opts);
  const timeoutMs = opts.timeoutMs ?? EXPLORE_DEFAULTS.timeoutMs;
  const flags = replayFlags(opts.adapter, gen, { ...(opts.adapterArg ? { adapterArg: opts.adapterArg } : {}), seed: opts.seed, timeoutMs, ...(opts.ignore ? { ignore: opts.ignore } : {}) });
  let generated;
  try {
    generated = await generatedAt(scenarioArbitrary(gen), opts.seed, opts.path);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  mkdirSync(opts.outDir, { recursive: true });
  await setUpAdapter(opts.adapter, { dir: opts.outDir }, opts.signal);
  try {
    const ctx = { adapter: opts.adapter, seed: opts.seed, outDir: opts.outDir, timeoutMs, log: new CaseLog(join(opts.outDir, 'explore.jsonl')), replayCommand: (p: string) => exploreReplayCommand(flags, p), ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.ignore?.length ? { ignore: opts.ignore } : {}) };
    const { scenario, result } = await runGenerated(ctx, generated, opts.path, 'replay');
    const verdict = result.error ? `could not run: ${result.error}` : result.verdict === 'skipped' ? `skipped: ${result.skipReason}` : result.verdict;
    const text = [`Case ${opts.path} of seed ${opts.seed} on ${opts.adapter.name}: ${verdict}`, describeCase(scenario, result), `  record: ${result.dir}`].join('\n');
    return { scenario, result, text };
  } finally {
    await tearDownAdapter(opts.adapter);
  }
}
