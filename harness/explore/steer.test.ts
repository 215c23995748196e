import { describe, expect, it } from 'vitest';
import { cellIds, cellsOf, coverageModel } from '../faults/coverage.js';
import type { FaultKind } from '../faults/registry.js';
import { GENERATED_FAULT_KINDS } from './options.js';
import { RESTART_ALLOWANCE_MS } from '../timing.js';
import { scenarioArbitrary } from './arbitrary/scenario.js';
import { fakeRuntime } from './fake-runtime.test-helpers.js';
import { generatedAt } from './replay.js';
import { search } from './search.js';
import { coverageSteering } from './steer.js';

// The generator alone, with an instant fake runtime: which cases a search chooses
// does not depend on how they ran, so this needs no real runtime.

const SEED = 1;
const BUDGET = 60;

async function explored(kinds: FaultKind[], steer: boolean, runs = BUDGET) {
  const gen = { maxSteps: 6, faultKinds: kinds, timeouts: true, restartAllowanceMs: RESTART_ALLOWANCE_MS };
  const model = coverageModel({ faultKinds: kinds });
  const r = await search(fakeRuntime(SEED, () => [], 0).runOne, scenarioArbitrary(gen), { seed: SEED, runs, concurrency: 2, ...(steer ? { steer: coverageSteering(model) } : {}) });
  const all = cellIds(model);
  const covered = new Set(r.cases.flatMap((c) => cellsOf(c.scenario)).filter((c) => all.includes(c)));
  return { cases: r.cases, all, missing: all.filter((c) => !covered.has(c)), gen };
}

describe('steered exploration', () => {
  for (const [name, kinds] of [
    ['a small model (crash-worker, response-lost)', ['crash-worker', 'response-lost']],
    ['the default model (every kind explore generates but restart-runtime)', GENERATED_FAULT_KINDS.filter((k) => k !== 'restart-runtime')],
  ] as [string, FaultKind[]][]) {
    it(`reaches every cell of ${name} within ${BUDGET} cases on seed ${SEED}; plain generation does not`, async () => {
      const steered = await explored(kinds, true);
      const plain = await explored(kinds, false);
      expect(steered.cases).toHaveLength(BUDGET);
      expect(plain.cases).toHaveLength(BUDGET);
      expect(steered.missing, `steered left ${steered.missing.length} of ${steered.all.length} cells`).toEqual([]);
      expect(plain.missing.length, 'plain generation on the same budget').toBeGreaterThan(0);
    }, 60_000);
  }

  it('chooses the same cases for the same seed, each replayable from its path', async () => {
    const a = await explored(['crash-worker', 'response-lost'], true, 12);
    const b = await explored(['crash-worker', 'response-lost'], true, 12);
    expect(b.cases.map((c) => c.index)).toEqual(a.cases.map((c) => c.index));
    // A chosen case's path is its place in the seed's stream, skipped candidates included.
    expect(a.cases.at(-1)!.index).toBeGreaterThanOrEqual(11);
    expect(a.cases.map((c) => c.nth)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const last = a.cases.at(-1)!;
    const again = await generatedAt(scenarioArbitrary(a.gen), SEED, String(last.index));
    expect(again.plan).toEqual(last.scenario.plan);
    expect(again.faults).toEqual(last.scenario.faults);
  }, 60_000);
});
