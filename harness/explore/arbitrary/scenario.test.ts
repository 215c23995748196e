import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { precedingEffect } from '../../faults/anchors.js';
import { computeOracle } from '../../oracle.js';
import type { Step } from '../../plan/schema.js';
import { allSteps, isEffectStep } from '../../plan/walk.js';
import type { FaultKind } from '../../faults/registry.js';
import { Scenario } from '../../scenario/schema.js';
import { GENERATED_FAULT_KINDS } from '../options.js';
import { DECISION_RACE_MARGIN_MS, EXPLORE_TIMING, INTO_WAIT_MS, RESTART_ALLOWANCE_MS } from '../../timing.js';
import { scenarioArbitrary, type GenerateOptions, type GeneratedScenario } from './scenario.js';

/** The room left around a deadline for a worker start: the adapter's restart allowance, at least the fixed margin (decision 0073). */
const startMargin = (opts: { restartAllowanceMs: number }) => Math.max(DECISION_RACE_MARGIN_MS, opts.restartAllowanceMs);

const ALL_BUT_RUNTIME = GENERATED_FAULT_KINDS.filter((k) => k !== 'restart-runtime');
const ANCHORS = ['before-effect', 'during-effect', 'after-effect', 'waiting', 'sleeping'] as const;
const base: GenerateOptions = { maxSteps: 6, faultKinds: ALL_BUT_RUNTIME, timeouts: true, restartAllowanceMs: RESTART_ALLOWANCE_MS };

/** The fairness rules, checked independently of the generator that should keep them. */
function unfairness(g: GeneratedScenario, opts: GenerateOptions): string[] {
  const problems: string[] = [];
  const s = { ...g, id: 'x' };
  const steps = allSteps(s.plan);
  const oracle = computeOracle(s);
  if (steps.length > opts.maxSteps) problems.push(`${steps.length} steps > ${opts.maxSteps}`);
  // Crashes, runtime restarts and second workers: each kills or adds a process.
  const processFaults = s.faults.filter((f) => f.kind === 'crash-worker' || f.kind === 'restart-runtime' || f.kind === 'second-worker');
  if (processFaults.length > 1) problems.push(`more than one crash or second worker: ${processFaults.map((f) => f.kind).join(', ')}`);
  if (processFaults.length && s.faults.some((f) => f.kind === 'approve-late')) problems.push(`a late approval beside ${processFaults[0].kind}`);
  for (const f of s.faults) {
    if (!opts.faultKinds.includes(f.kind)) problems.push(`fault kind ${f.kind} not asked for`);
    if ('step' in f && !oracle.taken.has(f.step)) problems.push(`${f.kind} on ${f.step}, which the run never reaches`);
    if ('at' in f && f.at === 'sleeping') expect(() => precedingEffect(s.plan, f.step)).not.toThrow();
  }
  const perStep = new Map<string, number>();
  for (const f of s.faults) if ('step' in f && steps.some((st) => st.id === f.step && isEffectStep(st))) perStep.set(f.step, (perStep.get(f.step) ?? 0) + 1);
  for (const [id, n] of perStep) if (n > 1) problems.push(`${n} faults on ${id}`);
  for (const id of Object.keys(s.decisions)) if (!oracle.taken.has(id)) problems.push(`a decision for ${id}, which the run never reaches`);
  for (const st of steps) {
    if (st.kind === 'approval' && oracle.taken.has(st.id)) {
      if (s.decisions[st.id] && st.timeoutMs < EXPLORE_TIMING.answeredTimeoutMs.min) problems.push(`${st.id} is answered but times out after ${st.timeoutMs} ms`);
      if (!s.decisions[st.id] && !opts.timeouts) problems.push(`${st.id} is never answered, but the runtime has no timeouts`);
    }
    const struck = processFaults.some((f) => f.step === st.id);
    if (st.kind === 'sleep' && (st.ms < EXPLORE_TIMING.sleepMs.min || st.ms > Math.max(EXPLORE_TIMING.sleepMs.max, struck ? Math.max(4000, opts.restartAllowanceMs + startMargin(opts)) : 0))) problems.push(`${st.id} sleeps ${st.ms} ms`);
  }
  for (const f of processFaults) {
    const st = steps.find((x) => x.id === f.step);
    const timer = st?.kind === 'sleep' ? st.ms : st?.kind === 'approval' && !s.decisions[st.id] ? st.timeoutMs : undefined;
    const least = Math.max(EXPLORE_TIMING.crashedTimerMs, opts.restartAllowanceMs + startMargin(opts));
    if (timer !== undefined && f.kind !== 'second-worker' && timer < least) problems.push(`${f.kind} lands in ${f.step}, a timer of only ${timer} ms`);
    // A human answering during the outage must count: the restarted worker is up well before the deadline (issue 21).
    if ('downtimeMs' in f && st?.kind === 'approval') {
      const needs = INTO_WAIT_MS.max + f.downtimeMs + opts.restartAllowanceMs + startMargin(opts);
      if (st.timeoutMs < needs) problems.push(`${f.kind} (down ${f.downtimeMs} ms) in ${f.step} times out after ${st.timeoutMs} ms < ${needs} ms: a race with the restart`);
    }
    // A crash at an effect beside an answered wait (another branch of a parallel) may land while it waits; the human then
    // answers during the outage: the wait outlasts the crash, its downtime, a restart and its margin (decision 0090).
    if ('downtimeMs' in f && f.at !== 'waiting' && f.at !== 'sleeping') {
      for (const par of steps) {
        if (par.kind !== 'parallel' || !par.branches.some((b) => allSteps({ steps: b }).some((x) => x.id === f.step))) continue;
        const beside = par.branches.filter((b) => !allSteps({ steps: b }).some((x) => x.id === f.step)).flatMap((b) => allSteps({ steps: b }));
        const needs = INTO_WAIT_MS.max + f.downtimeMs + opts.restartAllowanceMs + startMargin(opts);
        for (const w of beside) if (w.kind === 'approval' && s.decisions[w.id] && w.timeoutMs < needs) problems.push(`${f.kind} at ${f.step} beside ${w.id}, answered, which times out after ${w.timeoutMs} ms < ${needs} ms: a race with the restart`);
      }
    }
    // The timer must still run once the second worker is up: 400-600 ms into a wait (or by the middle of a sleep) plus a worker start and its margin,
    // twice over for a sleep (half of it may be gone when the second worker comes); 4 s at most, the length sized for slow starts (decision 0089).
    const length = st?.kind === 'sleep' ? st.ms : st?.kind === 'approval' ? st.timeoutMs : undefined;
    const start = opts.restartAllowanceMs + startMargin(opts);
    const secondLeast = Math.min(4000, Math.max(least, 2 * start, INTO_WAIT_MS.max + start + 50));
    if (f.kind === 'second-worker' && length !== undefined && length < secondLeast) problems.push(`a second worker lands in ${f.step}, a timer of only ${length} ms`);
    // A zombie wakes with time to act before it is killed, and never inside a timer (a frozen owner would stretch it).
    if (f.kind === 'second-worker' && f.pauseFirstMs > 0) {
      if (f.overlapMs < f.pauseFirstMs + 1000) problems.push(`a zombie frozen ${f.pauseFirstMs} ms is killed ${f.overlapMs} ms after the second worker starts`);
      if (f.at === 'waiting' || f.at === 'sleeping') problems.push(`a zombie frozen ${f.at} in ${f.step}`);
      if (steps.some((st) => st.kind === 'parallel')) problems.push(`a zombie in a plan with parallel branches (a request may be half sent when it freezes)`);
    }
    // An early answer ends the wait before the second worker comes.
    if (f.kind === 'second-worker' && f.at === 'waiting' && s.faults.some((x) => x.kind === 'approve-early' && x.step === f.step)) problems.push(`a second worker waits in ${f.step}, which an early answer ends at once`);
  }
  for (const f of s.faults) if (f.kind === 'approve-late' && f.afterTimeoutMs < 400) problems.push(`approve-late only ${f.afterTimeoutMs} ms after the timeout`);
  checkSleeps(s.plan.steps, true, false, problems, s.decisions);
  return problems;
}

function checkSleeps(seq: Step[], top: boolean, inParallel: boolean, problems: string[], decisions: Record<string, string>): void {
  seq.forEach((st, i) => {
    if (st.kind === 'approval' && inParallel && !decisions[st.id]) problems.push(`nobody answers ${st.id}, inside a parallel`);
    if (st.kind === 'sleep') {
      if (inParallel) problems.push(`${st.id} sleeps inside a parallel`);
      const prev = seq[i - 1];
      const next = seq[i + 1];
      if (prev ? !isEffectStep(prev) : !top) problems.push(`${st.id} does not follow an llm or tool step`);
      if (next ? !isEffectStep(next) : !top) problems.push(`${st.id} is not followed by an llm or tool step`);
    }
    if (st.kind === 'approval') for (const b of [st.approved, st.rejected]) checkSleeps(b, false, inParallel, problems, decisions);
    if (st.kind === 'parallel') for (const b of st.branches) checkSleeps(b, false, true, problems, decisions);
  });
}

const variants: [string, GenerateOptions][] = [
  ['default', base],
  ['one step', { ...base, maxSteps: 1 }],
  ['large plans', { ...base, maxSteps: 14 }],
  ['every fault kind', { ...base, faultKinds: GENERATED_FAULT_KINDS }],
  ['approvals only', { ...base, faultKinds: ['approve-twice', 'approve-early', 'approve-late'] }],
  ['process faults only', { ...base, faultKinds: ['crash-worker', 'restart-runtime', 'second-worker'] }],
  ['second workers and approvals', { ...base, faultKinds: ['second-worker', 'approve-twice', 'approve-early', 'approve-late'] }],
  ['no faults', { ...base, faultKinds: [] }],
  ['no approval timeouts', { ...base, timeouts: false }],
  ['a runtime slow to restart', { ...base, faultKinds: ['crash-worker', 'restart-runtime', 'approve-twice'], restartAllowanceMs: 4000 }],
  // The reference's declared restart (adapters/reference/adapter.ts): shorter timers, the same rules.
  ['a runtime quick to restart', { ...base, faultKinds: ['crash-worker', 'second-worker', 'approve-twice', 'approve-late'], restartAllowanceMs: 750 }],
];

describe('generated scenarios', () => {
  for (const [name, opts] of variants) {
    it(`are valid and fair (${name})`, () => {
      fc.assert(
        fc.property(scenarioArbitrary(opts), (g) => {
          expect(Scenario.safeParse(g).success).toBe(true);
          expect(unfairness(g, opts)).toEqual([]);
        }),
        { seed: 20_240_601, numRuns: 400 },
      );
    });
  }

  it('answer some crashed waits during the outage, so the rule against a race with the restart is exercised', () => {
    const opts = { ...base, faultKinds: ['crash-worker', 'approve-twice'] as FaultKind[] };
    const struck = fc
      .sample(scenarioArbitrary(opts), { seed: 21, numRuns: 300 })
      .filter((g) => g.faults.some((f) => f.kind === 'crash-worker' && f.at === 'waiting' && g.decisions[f.step]));
    expect(struck.length).toBeGreaterThan(5);
    for (const g of struck) expect(unfairness(g, opts)).toEqual([]);
  });

  it('cover every step kind and every requested fault kind', () => {
    const seen = new Set<string>();
    for (const g of fc.sample(scenarioArbitrary({ ...base, faultKinds: GENERATED_FAULT_KINDS }), { seed: 3, numRuns: 600 })) {
      for (const s of allSteps(g.plan)) seen.add(s.kind);
      for (const f of g.faults) seen.add(f.kind === 'crash-worker' ? `crash-worker:${f.at}` : f.kind);
    }
    const expected = ['llm', 'tool', 'sleep', 'approval', 'parallel', ...GENERATED_FAULT_KINDS.filter((k) => k !== 'crash-worker'), ...ANCHORS.map((p) => `crash-worker:${p}`)];
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  });

  it('put a second worker at every anchor when asked, each case in the category of its anchor', () => {
    const categories = new Map<string, Set<string>>();
    for (const g of fc.sample(scenarioArbitrary({ ...base, faultKinds: ['second-worker'] }), { seed: 5, numRuns: 300 })) {
      for (const f of g.faults) {
        expect(f.kind).toBe('second-worker');
        if (f.kind === 'second-worker') categories.set(f.at, (categories.get(f.at) ?? new Set()).add(g.category));
      }
    }
    expect(Object.fromEntries([...categories].map(([at, c]) => [at, [...c]]))).toEqual({
      'before-effect': ['crash-recovery'],
      'during-effect': ['crash-recovery'],
      'after-effect': ['crash-recovery'],
      waiting: ['approvals'],
      sleeping: ['timers'],
    });
  });

  it('sometimes freeze the first worker as the second starts (a zombie), at effect anchors only', () => {
    const pauses = fc
      .sample(scenarioArbitrary({ ...base, faultKinds: ['second-worker'] }), { seed: 6, numRuns: 300 })
      .flatMap((g) => g.faults)
      .flatMap((f) => (f.kind === 'second-worker' ? [f] : []));
    const zombies = pauses.filter((f) => f.pauseFirstMs > 0);
    expect(zombies.length).toBeGreaterThan(0);
    expect(zombies.length).toBeLessThan(pauses.length);
    expect(new Set(zombies.map((f) => f.at))).toEqual(new Set(['before-effect', 'during-effect', 'after-effect']));
  });

  it('draw a second worker less often than a worker crash', () => {
    const count = (kind: FaultKind, faultKinds: readonly FaultKind[]) =>
      fc.sample(scenarioArbitrary({ ...base, faultKinds }), { seed: 8, numRuns: 1000 }).flatMap((g) => g.faults).filter((f) => f.kind === kind).length;
    for (const kinds of [ALL_BUT_RUNTIME, GENERATED_FAULT_KINDS]) {
      const secondWorkers = count('second-worker', kinds);
      expect(secondWorkers).toBeGreaterThan(0);
      expect(secondWorkers).toBeLessThan(count('crash-worker', kinds));
    }
  });

  it('are the same for the same seed, and differ for another', () => {
    const draw = (seed: number) => fc.sample(scenarioArbitrary(base), { seed, numRuns: 40 });
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('take names and payloads from faker, stable under the seed', () => {
    const [g] = fc.sample(scenarioArbitrary({ ...base, faultKinds: [] as FaultKind[] }), { seed: 9, numRuns: 1 });
    const tools = allSteps(g.plan).filter((s) => s.kind === 'tool');
    for (const t of tools) expect(t.tool).toMatch(/^[a-z]+\.[a-z]+$/);
    expect(g.plan.name).toMatch(/-agent$/);
  });
});
