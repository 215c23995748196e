import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '../adapter.js';
import { loadAdapter } from '../load-adapter.js';
import { explore, type ExploreOptions, type ExploreResult } from './explore.js';

export type ExploreInVitestOptions = Omit<ExploreOptions, 'adapter' | 'outDir' | 'adapterArg'> & { outDir?: string };

/** Thrown by exploreInVitest: its message is the minimal case and the commands that replay it. */
export class ExplorationFailed extends Error {
  readonly result: ExploreResult;
  constructor(message: string, result: ExploreResult) {
    super(message);
    this.name = 'ExplorationFailed';
    this.result = result;
  }
}

/**
 * Run exploration inside a test (vitest, or any runner that fails a test on a
 * rejected promise): resolves with the result when nothing failed, and rejects with
 * the shrunk minimal case, its scenario file and replay commands when something did.
 *
 *   test('my runtime survives generated faults', () => exploreInVitest('./my-adapter.ts', { runs: 50, seed: 42 }), 600_000);
 *
 * The seed defaults to AGENTCHECK_SEED, else a random one (printed in any failure).
 */
export async function exploreInVitest(adapter: string | Adapter, opts: ExploreInVitestOptions = {}): Promise<ExploreResult> {
  const a = typeof adapter === 'string' ? await loadAdapter(adapter) : adapter;
  const envSeed = process.env.AGENTCHECK_SEED === undefined ? undefined : Number(process.env.AGENTCHECK_SEED);
  const seed = opts.seed ?? (Number.isInteger(envSeed) ? envSeed : undefined);
  const result = await explore({
    ...opts,
    adapter: a,
    adapterArg: typeof adapter === 'string' ? adapter : a.name,
    outDir: opts.outDir ?? mkdtempSync(join(tmpdir(), `agentcheck-explore-${a.name}-`)),
    ...(seed !== undefined ? { seed } : {}),
  });
  const where = `seed ${result.seed}, records in ${result.outDir}`;
  if (result.failure) throw new ExplorationFailed(`agentcheck explore found a failure on ${a.name} (${where}).\n${result.failure.text}`, result);
  if (result.undecided.length) {
    const lines = result.undecided.map((u) => `  case ${u.path}: ${u.error ?? 'undecided'} (${u.dir})`);
    throw new ExplorationFailed(`agentcheck explore could not decide ${result.undecided.length} case(s) on ${a.name} (${where}):\n${lines.join('\n')}`, result);
  }
  return result;
}
