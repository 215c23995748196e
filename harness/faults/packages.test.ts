import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { FaultPackage } from './package.js';
import type { Directive, Interceptor } from '../ledger/server.js';
import type { LedgerEvent } from '../ledger/events.js';
import { Plan } from '../plan/schema.js';
import { DECISION_RACE_MARGIN_MS, EXPLORE_TIMING, HUMAN_REACTION_MS, INTO_WAIT_MS, IN_FLIGHT_MS, RECORD_GRACE_MS, RESTART_ALLOWANCE_MS, ZOMBIE_TAKEOVER_WAIT_MS } from '../timing.js';
import type { Kept } from './package.js';
import { drawFor } from './draw.js';
import type { FaultAction, InjectPorts } from './ports.js';
import { FAULTS, FAULT_KINDS, Fault, packageOf, type FaultInput } from './registry.js';
import { raceMarginMs } from './fairness.js';

const plan = Plan.parse({
  name: 'p',
  steps: [
    { kind: 'llm', id: 'draft' },
    { kind: 'sleep', id: 'pause', ms: 1200 },
    { kind: 'tool', id: 'charge', tool: 'payments.charge', mode: 'write' },
    { kind: 'approval', id: 'short', timeoutMs: 800 },
    { kind: 'approval', id: 'long', timeoutMs: 5000 },
  ],
});
const fault = (f: FaultInput) => Fault.parse(f);
const drawn = (f: FaultInput, seed: number) => packageOf(fault(f)).draw(fault(f), drawFor(seed, 'case', 0), plan);
const seeds = Array.from({ length: 200 }, (_, i) => i);

// A kind missing a part does not compile (checked by `npm run typecheck`): here, one that neither injects nor answers.
const probeSchema = z.strictObject({ kind: z.literal('probe') });
export const incomplete = {
  kind: 'probe',
  schema: probeSchema,
  validate: () => undefined,
  describe: () => 'probe',
  draw: () => ({}),
  oracle: {},
  explore: { offer: 'run', arbitraries: [] },
  category: () => 'approvals',
  coverage: { places: [], placesOf: () => [] },
  // @ts-expect-error -- no inject and no answer
} satisfies FaultPackage<'probe', z.infer<typeof probeSchema>>;

describe('the fault registry', () => {
  it('keys each package by its kind, in the order exploration has always drawn them', () => {
    for (const k of FAULT_KINDS) expect(FAULTS[k].kind).toBe(k);
    expect(FAULT_KINDS).toEqual(['crash-worker', 'restart-runtime', 'second-worker', 'tool-fails', 'response-lost', 'duplicate-start', 'approve-twice', 'approve-early', 'approve-late', 'stall-worker']);
  });
});

describe('the moments a seed chooses', () => {
  it('replay exactly for one seed, and vary across seeds', () => {
    const f = { kind: 'crash-worker', step: 'long', at: 'waiting' } as const;
    expect(drawn(f, 7)).toEqual(drawn(f, 7));
    expect(new Set(seeds.map((s) => drawn(f, s).intoWaitMs)).size).toBeGreaterThan(50);
  });

  it('land a crash into a wait past the record grace, its human answering before half the timeout', () => {
    for (const s of seeds) {
      const long = drawn({ kind: 'crash-worker', step: 'long', at: 'waiting', downtimeMs: 300 }, s).intoWaitMs;
      expect(long).toBeGreaterThanOrEqual(INTO_WAIT_MS.min);
      expect(long).toBeLessThanOrEqual(INTO_WAIT_MS.max);
      // An 800 ms timeout leaves no room above the window's min: the crash lands there, the answer 150 ms later.
      expect(drawn({ kind: 'crash-worker', step: 'short', at: 'waiting', downtimeMs: 300 }, s).intoWaitMs).toBe(INTO_WAIT_MS.min);
    }
    expect(INTO_WAIT_MS.min).toBeGreaterThan(RECORD_GRACE_MS);
  });

  it('hold a request in flight 10-60 ms before a crash', () => {
    const all = seeds.map((s) => drawn({ kind: 'restart-runtime', step: 'charge', at: 'during-effect' }, s).inFlightMs);
    expect(Math.min(...all)).toBe(IN_FLIGHT_MS.min);
    expect(Math.max(...all)).toBe(IN_FLIGHT_MS.max);
  });

  it('crash in the middle half of a sleep, a second worker no later than its middle', () => {
    const crash = seeds.map((s) => drawn({ kind: 'crash-worker', step: 'pause', at: 'sleeping' }, s).intoSleepMs);
    expect(Math.min(...crash)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...crash)).toBeLessThanOrEqual(900);
    const second = seeds.map((s) => drawn({ kind: 'second-worker', step: 'pause', at: 'sleeping' }, s).intoSleepMs);
    expect(Math.max(...second)).toBeLessThanOrEqual(600);
  });

  it('are none where the scenario states everything', () => {
    for (const f of [
      { kind: 'crash-worker', step: 'charge', at: 'after-effect' },
      { kind: 'tool-fails', step: 'charge' },
      { kind: 'approve-late', step: 'long' },
      { kind: 'duplicate-start' },
    ] as const)
      expect(drawn(f, 1)).toEqual({});
  });
});

describe('fairness in exploration', () => {
  const kept = (kind: string, extra: { step?: string; at?: string } = {}) => ({ kind, process: ['crash-worker', 'restart-runtime', 'second-worker'].includes(kind), ...extra });
  it('allows one process fault per case, none beside a late approval', () => {
    for (const k of ['crash-worker', 'restart-runtime', 'second-worker'] as const) {
      const f = fault({ kind: k, step: 'charge', at: 'before-effect' });
      const unfair = packageOf(f).explore.unfair!;
      expect(unfair(f, [])).toBeUndefined();
      expect(unfair(f, [kept('crash-worker')])).toBeDefined();
      expect(unfair(f, [kept('approve-late', { step: 'long' })])).toBeDefined();
    }
    const late = fault({ kind: 'approve-late', step: 'long' });
    expect(packageOf(late).explore.unfair!(late, [kept('second-worker')])).toBeDefined();
  });

  it('keeps a second worker out of a wait an early answer ends', () => {
    const f = fault({ kind: 'second-worker', step: 'long', at: 'waiting' });
    expect(packageOf(f).explore.unfair!(f, [kept('approve-early', { step: 'long' })])).toBeDefined();
  });

  it('makes a zombie a plain second worker beside parallel steps', () => {
    const f = fault({ kind: 'second-worker', step: 'a', at: 'during-effect', pauseFirstMs: 500, overlapMs: 2000 });
    const parallel = Plan.parse({ name: 'q', steps: [{ kind: 'parallel', id: 'p', branches: [[{ kind: 'llm', id: 'a' }], [{ kind: 'llm', id: 'b' }]] }] });
    expect(packageOf(f).explore.adapt!(f, parallel)).toMatchObject({ pauseFirstMs: 0 });
    expect(packageOf(f).explore.adapt!(f, plan)).toBe(f);
  });
});

describe('a fault that cannot be injected', () => {
  const ports = (runtime: InjectPorts['runtime']) => {
    const notes: FaultAction[] = [];
    const reasons: string[] = [];
    const interceptors: Interceptor[] = [];
    const tracked: Promise<unknown>[] = [];
    const p: InjectPorts = {
      ledger: { intercept: (fn) => interceptors.push(fn), waitFor: () => new Promise(() => undefined) },
      workers: { current: undefined, crash: async () => undefined, restartAfter: () => undefined, freeze: async () => undefined, thaw: () => undefined, startBeside: async () => undefined, retire: async () => undefined, idle: () => false, until: async (_holds: unknown, giveUp: Promise<unknown>) => void (await giveUp) },
      runtime,
      plan,
      runStarted: Promise.resolve(0),
      note: (a) => void notes.push(a),
      track: (x) => void tracked.push(x),
      notInjected: (r) => void reasons.push(r),
      secondWorkerUp: () => undefined,
      runFinished: () => false,
      startRunAgain: async () => undefined,
    };
    return { p, notes, reasons, interceptors, tracked };
  };
  const restart = fault({ kind: 'restart-runtime', step: 'charge', at: 'before-effect', downtimeMs: 0 });
  const fire = async (t: ReturnType<typeof ports>) => {
    const d = t.interceptors[0]!({ runId: 'r', stepId: 'charge', kind: 'tool' }, 1) as Directive;
    await d.hold!();
    await Promise.all(t.tracked);
  };

  it('leaves the case undecided when the runtime does not crash', async () => {
    const t = ports({ crash: () => Promise.reject(new Error('no such process')), restart: async () => undefined });
    packageOf(restart).inject!(restart, {}, t.p);
    await fire(t);
    expect(t.notes).toContain('not-injected');
    expect(t.reasons).toEqual(['restart-runtime before-effect charge (down 0 ms): the crash failed: no such process']);
  });

  it('leaves the case undecided when the runtime does not come back', async () => {
    const t = ports({ crash: async () => undefined, restart: () => Promise.reject(new Error('port in use')) });
    packageOf(restart).inject!(restart, {}, t.p);
    await fire(t);
    expect(t.reasons).toEqual(['restart-runtime before-effect charge (down 0 ms): the restart failed: port in use']);
  });

  it('leaves the case undecided when the adapter cannot crash its runtime', () => {
    const t = ports(undefined);
    packageOf(restart).inject!(restart, {}, t.p);
    expect(t.reasons[0]).toMatch(/cannot crash its runtime/);
  });
});

// Each kind's own fairness rules, called directly: the generator's ordering can hide a
// rule (approval faults are anchored first), so a removed rule must fail here too.
describe('the fairness rules each kind carries', () => {
  const crash: Kept = { kind: 'crash-worker', step: 'charge', at: 'before-effect', process: true };
  const late: Kept = { kind: 'approve-late', step: 'long', process: false };

  it('keep a late approval away from a process fault, whichever comes first', () => {
    expect(FAULTS['approve-late'].explore.unfair(fault({ kind: 'approve-late', step: 'long' }) as never, [crash])).toMatch(/process fault/);
    for (const k of ['crash-worker', 'restart-runtime', 'second-worker'] as const) {
      const f = fault({ kind: k, step: 'draft', at: 'before-effect' } as FaultInput);
      expect(packageOf(f).explore.unfair?.(f as never, [late]), k).toMatch(/late approval/);
      expect(packageOf(f).explore.unfair?.(f as never, [crash]), k).toMatch(/process fault/);
    }
  });

  it('give a wait or a sleep a crash lands in a length that outlasts the crash, its downtime, a restart (the adapter\'s allowance) and a worker start\'s margin', () => {
    const timer = (answered: boolean) => ({ answered: () => answered, restartAllowanceMs: 2000 });
    // The margin is a worker start (the allowance), as the checkers read a close race with the case's first start; never below the fixed margin.
    expect(raceMarginMs(timer(true))).toBe(2000);
    expect(raceMarginMs({ ...timer(true), restartAllowanceMs: 100 })).toBe(DECISION_RACE_MARGIN_MS);
    for (const k of ['crash-worker', 'restart-runtime'] as const) {
      const f = fault({ kind: k, step: 'long', at: 'waiting', downtimeMs: 300 });
      for (const answered of [true, false]) expect(packageOf(f).explore.timerAtLeast?.(f as never, timer(answered)), k).toBe(INTO_WAIT_MS.max + 300 + 2000 + 2000);
      const sleeping = fault({ kind: k, step: 'pause', at: 'sleeping', downtimeMs: 300 });
      expect(packageOf(sleeping).explore.timerAtLeast?.(sleeping as never, timer(false)), k).toBe(2000 + 2000);
      expect(packageOf(sleeping).explore.timerAtLeast?.(sleeping as never, { ...timer(false), restartAllowanceMs: 100 }), k).toBe(EXPLORE_TIMING.crashedTimerMs);
    }
  });

  it('give a timer a second worker lands in twice a restart and its margin, never more than the fixed length sized for slow starts', () => {
    const timer = (restartAllowanceMs: number) => ({ answered: () => true, restartAllowanceMs });
    for (const at of ['sleeping', 'waiting'] as const) {
      const f = fault({ kind: 'second-worker', step: at === 'sleeping' ? 'pause' : 'long', at });
      const least = (allowance: number) => packageOf(f).explore.timerAtLeast?.(f as never, timer(allowance));
      // A sleep's second worker lands by its middle: the half left holds a start and its margin.
      expect(least(750), at).toBe(2 * (750 + 750));
      expect(least(750)! / 2, at).toBeGreaterThanOrEqual(750 + raceMarginMs(timer(750)));
      expect(least(750)!, at).toBeGreaterThanOrEqual(INTO_WAIT_MS.max + 750 + raceMarginMs(timer(750)) + HUMAN_REACTION_MS);
      expect(least(RESTART_ALLOWANCE_MS), at).toBe(EXPLORE_TIMING.secondWorkerTimerMs);
      expect(least(100), at).toBe(Math.max(EXPLORE_TIMING.crashedTimerMs, 2 * (100 + DECISION_RACE_MARGIN_MS), INTO_WAIT_MS.max + 100 + DECISION_RACE_MARGIN_MS + HUMAN_REACTION_MS));
    }
  });
});

describe('a zombie (second-worker with pauseFirstMs)', () => {
  // Decision 0054: woken before the second worker took over, the zombie is a slow worker
  // that lost its lease, not a zombie; its answer read awake would look like a lost checkpoint.
  afterEach(() => void vi.useRealTimers());
  it('is woken after its pause only once the ledger answered the second worker for the step, or the takeover wait ran out', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const interceptors: Interceptor[] = [];
    let secondUp: () => void = () => undefined;
    let answerSecond: (e: LedgerEvent) => void = () => undefined;
    const asked: ((e: LedgerEvent) => boolean)[] = [];
    const p: InjectPorts = {
      ledger: {
        intercept: (fn) => interceptors.push(fn),
        waitFor: (pred) => {
          asked.push(pred);
          return new Promise((r) => (answerSecond = r));
        },
      },
      workers: {
        current: 'first',
        crash: async () => undefined,
        restartAfter: () => undefined,
        freeze: async () => void log.push('freeze'),
        thaw: () => void log.push('thaw'),
        startBeside: () => new Promise((r) => (secondUp = () => r('first'))),
        retire: async () => void log.push('retire'),
        idle: () => false,
        until: async (_holds: unknown, giveUp: Promise<unknown>) => void (await giveUp),
      },
      plan,
      runStarted: Promise.resolve(0),
      note: () => undefined,
      track: () => undefined,
      notInjected: (r) => void log.push(`not injected: ${r}`),
      secondWorkerUp: () => void log.push('second up'),
      runFinished: () => false,
      startRunAgain: async () => undefined,
    };
    const zombie = fault({ kind: 'second-worker', step: 'charge', at: 'after-effect', pauseFirstMs: 1, overlapMs: 5000 });
    packageOf(zombie).inject!(zombie, {}, p);
    const held = (interceptors[0]!({ runId: 'r', stepId: 'charge', kind: 'tool', pid: 11 }, 1) as Directive).hold!();
    const tick = () => vi.advanceTimersByTimeAsync(20);
    await tick(); // the pause is over; the second worker is still starting
    expect(log).toEqual(['freeze']);
    secondUp();
    await held;
    await tick();
    expect(log).toEqual(['freeze', 'second up']);
    // The takeover is the second worker's call: one from the zombie itself does not count.
    const event = (pid: number) => ({ runId: 'r', stepId: 'charge', kind: 'tool', pid, seq: 2, attempt: 2, outcome: 'deduplicated', receivedAt: 0, finishedAt: 0 }) as LedgerEvent;
    expect(asked.map((pred) => [pred(event(11)), pred(event(12))])).toEqual([[false, true]]);
    answerSecond(event(12));
    await tick();
    expect(log).toEqual(['freeze', 'second up', 'thaw']);
  });

  it('is woken ZOMBIE_TAKEOVER_WAIT_MS after the second worker is up when that worker never calls the step', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const interceptors: Interceptor[] = [];
    const p: InjectPorts = {
      ledger: { intercept: (fn) => interceptors.push(fn), waitFor: () => new Promise(() => undefined) },
      workers: { current: 'first', crash: async () => undefined, restartAfter: () => undefined, freeze: async () => void log.push('freeze'), thaw: () => void log.push('thaw'), startBeside: async () => 'first', retire: async () => undefined, idle: () => false, until: async (_holds: unknown, giveUp: Promise<unknown>) => void (await giveUp) },
      plan,
      runStarted: Promise.resolve(0),
      note: () => undefined,
      track: () => undefined,
      notInjected: () => undefined,
      secondWorkerUp: () => undefined,
      runFinished: () => false,
      startRunAgain: async () => undefined,
    };
    const zombie = fault({ kind: 'second-worker', step: 'charge', at: 'after-effect', pauseFirstMs: 1, overlapMs: 5000 });
    packageOf(zombie).inject!(zombie, {}, p);
    await (interceptors[0]!({ runId: 'r', stepId: 'charge', kind: 'tool', pid: 11 }, 1) as Directive).hold!();
    await vi.advanceTimersByTimeAsync(ZOMBIE_TAKEOVER_WAIT_MS - 10);
    expect(log).toEqual(['freeze']);
    await vi.advanceTimersByTimeAsync(20);
    expect(log).toEqual(['freeze', 'thaw']);
  });
});
