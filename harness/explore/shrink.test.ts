import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allSteps } from '../plan/walk.js';
import { FAULT_KINDS } from '../faults/registry.js';
import { scenarioArbitrary, type GeneratedScenario } from './arbitrary/scenario.js';
import { generatedAt } from './replay.js';
import { search } from './search.js';
import { CONFIRM_RUNS, REPLAY_RUNS, shrink } from './shrink.js';
import { sizeOf } from './run-generated.js';
import { fakeRuntime } from './fake-runtime.test-helpers.js';
import { RESTART_ALLOWANCE_MS } from '../timing.js';

const SEED = 4242;
const arbitrary = scenarioArbitrary({ maxSteps: 6, faultKinds: FAULT_KINDS.filter((k) => k !== 'restart-runtime'), timeouts: true, restartAllowanceMs: RESTART_ALLOWANCE_MS });

/** The naive runtime's classic bug: a write whose answer is lost is applied twice. */
const lostWrite = (s: GeneratedScenario) =>
  s.faults.some((f) => f.kind === 'response-lost' && allSteps(s.plan).some((st) => st.id === f.step && st.kind === 'tool' && st.mode === 'write')) ? (['effects-exactly-once'] as const).slice() : [];

const strip = (s: GeneratedScenario & { id?: string }) => ({ plan: s.plan, decisions: s.decisions, faults: s.faults });

describe('search', () => {
  it('finds the first failing case in seed order, whatever the concurrency', async () => {
    const expectedIndex = fc.sample(arbitrary, { seed: SEED, numRuns: 200 }).findIndex((s) => lostWrite(s).length > 0);
    // fc.sample draws from the arbitrary as fc.check does; the search must agree with both.
    for (const concurrency of [1, 3]) {
      const fake = fakeRuntime(SEED, lostWrite);
      const r = await search(fake.runOne, arbitrary, { seed: SEED, runs: 200, concurrency });
      expect(r.failure?.index, `concurrency ${concurrency}`).toBe(expectedIndex);
      expect(fake.maxInFlight).toBeLessThanOrEqual(concurrency);
      // Every case before the failure ran and passed.
      expect(r.cases.filter((c) => c.index < expectedIndex).every((c) => c.result.verdict === 'pass')).toBe(true);
      expect(r.cases.filter((c) => c.index < expectedIndex)).toHaveLength(expectedIndex);
    }
  });

  it('runs the same scenarios in the same order for the same seed', async () => {
    const once = async () => (await search(fakeRuntime(SEED, () => []).runOne, arbitrary, { seed: SEED, runs: 30, concurrency: 2 })).cases.map((c) => JSON.stringify(strip(c.scenario)));
    const a = await once();
    expect(a).toHaveLength(30);
    expect(await once()).toEqual(a);
  });

  it('stops starting cases at the time limit', async () => {
    const fake = fakeRuntime(SEED, () => [], 20);
    const r = await search(fake.runOne, arbitrary, { seed: SEED, timeLimitMs: 150, concurrency: 1 });
    expect(r.timeUp).toBe(true);
    expect(r.cases.length).toBeGreaterThan(0);
    expect(r.cases.length).toBeLessThan(20);
  });

  it('each case replays from its path', async () => {
    const r = await search(fakeRuntime(SEED, () => []).runOne, arbitrary, { seed: SEED, runs: 12, concurrency: 2 });
    for (const c of r.cases.filter((x) => x.index % 4 === 0)) expect(strip(await generatedAt(arbitrary, SEED, c.record.path))).toEqual(strip(c.scenario));
  });
});

describe('shrink', () => {
  const findLostWrite = async (seed = SEED) => {
    const fake = fakeRuntime(seed, lostWrite);
    const found = await search(fake.runOne, arbitrary, { seed, runs: 500, concurrency: 1 });
    if (!found.failure) throw new Error('no case with a lost write response in 500 runs');
    return { fake, failure: found.failure };
  };

  for (const seed of [SEED, 1, 2, 3, 4, 5]) {
    it(`reaches one write step and one fault, and its path replays the minimal case (seed ${seed})`, async () => {
      const { fake, failure } = await findLostWrite(seed);
      const r = await shrink(fake.runOne, arbitrary, { seed, index: failure.index, found: failure, budgetMs: 60_000 });
      expect(sizeOf(r.minimal.scenario)).toEqual({ steps: 1, faults: 1 });
      expect(r.budgetHit).toBe(false);
      const replayed = await generatedAt(arbitrary, seed, r.path);
      expect(strip(replayed)).toEqual(strip(r.minimal.scenario));
      expect(lostWrite(replayed)).toEqual(['effects-exactly-once']);
      // Repeated candidates are answered from memory.
      expect(r.ran).toBeLessThan(r.tried);
    });
  }

  it('keeps to its budget and then reports the smallest case so far', async () => {
    const { failure } = await findLostWrite();
    const slow = fakeRuntime(SEED, lostWrite, 40);
    const r = await shrink(slow.runOne, arbitrary, { seed: SEED, index: failure.index, found: failure, budgetMs: 150 });
    expect(r.budgetHit).toBe(true);
    expect(r.ran).toBeLessThanOrEqual(5);
    // The budget stops new candidates; one under way, its confirming run and the replays of the minimal case still finish.
    expect(r.timeMs).toBeLessThan(150 + (CONFIRM_RUNS + 1 + REPLAY_RUNS) * 40 + 50);
    expect(lostWrite(r.minimal.scenario)).toEqual(['effects-exactly-once']);
  });

  it('keeps only candidates that fail again, and reports how often the minimal case replays', async () => {
    // A racy runtime: small cases fail only on their first run, large ones every time.
    const racy = (s: GeneratedScenario, repetition: number) => (lostWrite(s).length && (sizeOf(s).steps >= 3 || repetition === 1) ? lostWrite(s) : []);
    const fake = fakeRuntime(SEED, racy);
    const found = await search(fake.runOne, arbitrary, { seed: SEED, runs: 500, concurrency: 1 });
    const failure = found.failure!;
    expect(sizeOf(failure.scenario).steps).toBeGreaterThanOrEqual(3);
    const r = await shrink(fake.runOne, arbitrary, { seed: SEED, index: failure.index, found: failure, budgetMs: 60_000 });
    expect(sizeOf(r.minimal.scenario).steps).toBe(3);
    expect(r.replays).toEqual({ runs: REPLAY_RUNS, failed: REPLAY_RUNS });
    // The same runtime without confirmation would have slid to a one-step case that passes on replay.
    const once = await shrink(fakeRuntime(SEED, racy).runOne, arbitrary, { seed: SEED, index: failure.index, found: failure, budgetMs: 60_000, confirmRuns: 1 });
    expect(sizeOf(once.minimal.scenario).steps).toBeLessThan(3);
    expect(once.replays.failed).toBe(0);
  });

  it('does not slide to a different failure', async () => {
    // Big cases fail one property, small ones another: the minimal case must still fail the first.
    const bug = (s: GeneratedScenario) => (lostWrite(s).length && sizeOf(s).steps >= 3 ? ['effects-exactly-once' as const] : sizeOf(s).steps < 3 ? ['completes' as const] : []);
    const fake = fakeRuntime(SEED, bug);
    const found = await search(fake.runOne, arbitrary, { seed: SEED, runs: 500, concurrency: 1 });
    const failure = found.failure!;
    expect(failure.record.failed).toEqual(bug(failure.scenario));
    const r = await shrink(fake.runOne, arbitrary, { seed: SEED, index: failure.index, found: failure, budgetMs: 60_000 });
    expect(r.minimal.record.failed).toContain(failure.record.failed[0]);
    if (failure.record.failed[0] === 'effects-exactly-once') expect(sizeOf(r.minimal.scenario).steps).toBeGreaterThanOrEqual(3);
  });
});
