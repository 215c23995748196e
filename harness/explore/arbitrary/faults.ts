import fc from 'fast-check';
import { computeOracle } from '../../oracle.js';
import type { Plan, Step } from '../../plan/schema.js';
import { allSteps } from '../../plan/walk.js';
import type { Fault, FaultKind } from '../../scenario/faults.js';
import type { Scenario } from '../../scenario/schema.js';
import { TIMING, type Human } from './plan.js';

// Faults are generated on the steps they strike: an llm or tool step may carry a
// crash, a second worker, failures or a lost answer; an approval an odd delivery, or
// a crash or second worker while waiting; a sleep a crash or second worker. Removing
// a step while shrinking removes its faults and leaves every other fault where it
// was, so shrinking converges on small cases. Anchoring (below) then keeps only the
// faults that are fair for the plan.

export const FAULT_KINDS: readonly FaultKind[] = ['crash-worker', 'restart-runtime', 'second-worker', 'tool-fails', 'response-lost', 'duplicate-start', 'approve-twice', 'approve-early', 'approve-late'];

type Crash = { kind: 'crash-worker' | 'restart-runtime'; downtimeMs: number };
/** With pauseFirstMs > 0 (at effect anchors only), the first worker is frozen as the second starts: a zombie. */
type SecondWorker = { kind: 'second-worker'; overlapMs: number; pauseFirstMs: number };
/** A fault on the processes that run the plan: a crash, a runtime restart, or a second worker beside the first. */
type ProcessFault = Crash | SecondWorker;
type EffectAnchor = 'before-effect' | 'during-effect' | 'after-effect';
export type EffectFault = (ProcessFault & { at: EffectAnchor }) | { kind: 'tool-fails'; times: number; how: 'error' | 'timeout' } | { kind: 'response-lost' };
export type TimerFault = ProcessFault;
export type ApprovalFault = { kind: 'approve-twice'; spacingMs: number } | { kind: 'approve-early' } | { kind: 'approve-late'; afterTimeoutMs: number };
export type RunFault = { kind: 'duplicate-start'; afterMs: number };

/** A fault a step asked for, before anchoring decides whether it is fair to keep. */
export type WantedFault = Fault;

export interface FaultArbitraries {
  effect: fc.Arbitrary<EffectFault | null>;
  /** A crash or a second worker while sleeping, or while waiting for an approval. */
  timer: fc.Arbitrary<TimerFault | null>;
  approval: fc.Arbitrary<ApprovalFault | null>;
  run: fc.Arbitrary<RunFault | null>;
}

/** `null` most of the time; shrinking goes to `null` first (fewest faults). */
function sometimes<T>(weight: number, ...options: fc.Arbitrary<T>[]): fc.Arbitrary<T | null> {
  if (options.length === 0) return fc.constant(null);
  return fc.oneof({ withCrossShrink: true }, { weight, arbitrary: fc.constant(null) }, ...options.map((arbitrary) => ({ weight: 1, arbitrary })));
}

/**
 * How often each process fault is drawn at an anchor. A runtime restart is rarer than
 * a worker crash (and adapters without the power skip it); a second worker is rarer
 * than a crash too, so adding it keeps crashes the most common fault they were.
 */
const PROCESS_WEIGHTS = { 'crash-worker': 3, 'restart-runtime': 1, 'second-worker': 2 } as const;

export function faultArbitraries(kinds: readonly FaultKind[]): FaultArbitraries {
  const has = (k: FaultKind) => kinds.includes(k);
  const downtimeMs = fc.integer({ min: 100, max: 300 });
  // Long enough that both workers run a while; short enough that the first dies within the case.
  const overlapMs = fc.integer({ min: 300, max: 1500 });
  const crashKinds = (['crash-worker', 'restart-runtime'] as const).filter(has);
  const crashKind = crashKinds.length ? fc.oneof(...crashKinds.map((k) => ({ weight: PROCESS_WEIGHTS[k], arbitrary: fc.constant(k) }))) : fc.constant('crash-worker' as const);
  // One arbitrary per anchor, whichever process faults were asked for; without a second
  // worker it is the crash arbitrary alone, so those cases (and replay paths) stay as they were.
  const processFault = <A extends object>(anchor: { [K in keyof A]: fc.Arbitrary<A[K]> }, zombies = false): fc.Arbitrary<ProcessFault & A>[] => {
    const options = [
      ...(crashKinds.length ? [{ weight: crashKinds.reduce((w, k) => w + PROCESS_WEIGHTS[k], 0), arbitrary: fc.record({ kind: crashKind, ...anchor, downtimeMs }) }] : []),
      ...(has('second-worker') ? [{ weight: PROCESS_WEIGHTS['second-worker'], arbitrary: secondWorker(anchor, zombies) }] : []),
    ] as { weight: number; arbitrary: fc.Arbitrary<ProcessFault & A> }[];
    return options.length > 1 ? [fc.oneof(...options)] : options.map((o) => o.arbitrary);
  };
  /**
   * A second worker; at an effect anchor, one time in three a zombie: the first worker
   * frozen past any lease (400–1200 ms) as the second starts, then woken with 1.5 s to
   * act before it is killed. Shrinking goes to the plain second worker first. Not at a
   * timer: a frozen worker holding a run there would stretch the timer itself.
   */
  function secondWorker<A extends object>(anchor: { [K in keyof A]: fc.Arbitrary<A[K]> }, zombies: boolean) {
    const plain = fc.record({ kind: fc.constant('second-worker' as const), ...anchor, overlapMs, pauseFirstMs: fc.constant(0) });
    if (!zombies) return plain;
    const zombie = fc
      .record({ kind: fc.constant('second-worker' as const), ...anchor, pauseFirstMs: fc.integer({ min: 400, max: 1200 }) })
      .map((f) => ({ ...f, overlapMs: f.pauseFirstMs + 1500 }));
    return fc.oneof({ weight: 2, arbitrary: plain }, { weight: 1, arbitrary: zombie });
  }
  const at = (anchor: EffectAnchor) => processFault<{ at: EffectAnchor }>({ at: fc.constant(anchor) }, true);
  const effect: fc.Arbitrary<EffectFault>[] = [
    // Worker crashes (and second workers) are what durable runtimes exist for: one arbitrary per anchor.
    ...at('before-effect'),
    ...at('during-effect'),
    ...at('after-effect'),
    ...(has('tool-fails')
      ? [
          fc.record({ kind: fc.constant('tool-fails' as const), times: fc.integer({ min: 1, max: 3 }), how: fc.constant('error' as const) }),
          // A timed-out call hangs 1.5 s: one failure, or cases get slow.
          fc.record({ kind: fc.constant('tool-fails' as const), times: fc.constant(1), how: fc.constant('timeout' as const) }),
        ]
      : []),
    ...(has('response-lost') ? [fc.constant({ kind: 'response-lost' as const })] : []),
  ];
  const approval: fc.Arbitrary<ApprovalFault>[] = [
    ...(has('approve-twice') ? [fc.record({ kind: fc.constant('approve-twice' as const), spacingMs: fc.integer({ min: 0, max: 400 }) })] : []),
    ...(has('approve-early') ? [fc.constant({ kind: 'approve-early' as const })] : []),
    // Well past the timeout: the runtime sets its deadline a few ms after the request,
    // and a busy machine may add a little; hundreds of ms keep "late" unambiguous.
    ...(has('approve-late') ? [fc.record({ kind: fc.constant('approve-late' as const), afterTimeoutMs: fc.integer({ min: 400, max: 800 }) })] : []),
  ];
  return {
    effect: sometimes(Math.max(1, Math.round(effect.length * 2.5)), ...effect),
    timer: sometimes(2, ...processFault({})),
    approval: sometimes(2 * approval.length, ...approval),
    run: sometimes(5, ...(has('duplicate-start') ? [fc.record({ kind: fc.constant('duplicate-start' as const), afterMs: fc.integer({ min: 0, max: 300 }) })] : [])),
  };
}

export interface Anchored {
  /** The plan, with timers a crash or second worker lands in lengthened (see TIMING). */
  plan: Plan;
  faults: Fault[];
  decisions: Record<string, 'approve' | 'reject'>;
}

/** A fault that kills or adds a process: at most one per case, as two could overlap in ways the harness does not model. */
const isProcessFault = (f: Fault) => f.kind === 'crash-worker' || f.kind === 'restart-runtime' || f.kind === 'second-worker';
const isApprovalFault = (f: Fault) => f.kind === 'approve-twice' || f.kind === 'approve-early' || f.kind === 'approve-late';
const anchorOf = (f: Fault) => ('step' in f ? f.step : undefined);

/**
 * Keep the wanted faults that are fair for this plan, in plan order. The rules keep
 * the verdict up to the runtime: at most one crash or second worker (two restarts
 * could overlap, and a crash beside a second worker would be a schedule nobody
 * models), faults only on steps the run takes (an anchor never reached would hold the
 * case open), approval faults only where a human answers, and no crash or second
 * worker beside a late approval (either can delay the start of the wait, so "late"
 * would no longer be after the runtime's timeout).
 */
export function anchorFaults(plan: Plan, humans: Record<string, Human>, wanted: WantedFault[]): Anchored {
  const answered: Record<string, 'approve' | 'reject'> = {};
  for (const [id, h] of Object.entries(humans)) if (h !== 'none') answered[id] = h;
  const takenWith = (faults: Fault[]) => computeOracle({ plan, decisions: answered, faults } as unknown as Scenario).taken;

  // A zombie only where nothing else can be in flight when it freezes: beside a parallel
  // branch, the pause can catch a request half sent, which goes out on waking after the
  // lease check it passed. Only the outside world could fence that (decision 0007), so it
  // is a plain second worker there.
  const parallel = allSteps(plan).some((s) => s.kind === 'parallel');
  const asked = wanted.map((f): Fault => (parallel && f.kind === 'second-worker' && f.pauseFirstMs > 0 ? { ...f, pauseFirstMs: 0 } : f));
  // Approval faults first: a late approval changes which branch is taken.
  const ordered = [...asked.filter(isApprovalFault), ...asked.filter((f) => !isApprovalFault(f))];
  let faults: Fault[] = [];
  for (const f of ordered) {
    const step = anchorOf(f);
    if (isApprovalFault(f) && !answered[step!]) continue;
    if (isProcessFault(f) && faults.some((x) => isProcessFault(x) || x.kind === 'approve-late')) continue;
    if (f.kind === 'approve-late' && faults.some(isProcessFault)) continue;
    // An early answer ends the wait at once: a second worker 500 ms into it would find the run done.
    if (f.kind === 'second-worker' && f.at === 'waiting' && faults.some((x) => x.kind === 'approve-early' && x.step === f.step)) continue;
    if (step !== undefined && !takenWith(faults).has(step)) continue;
    const next = [...faults, f];
    // Every fault must still sit on the taken path once this one is in.
    const after = takenWith(next);
    if (next.every((x) => anchorOf(x) === undefined || after.has(anchorOf(x)!))) faults = next;
  }
  const taken = takenWith(faults);
  const decisions = Object.fromEntries(Object.entries(answered).filter(([id]) => taken.has(id)));
  // Back to the order the steps asked for them, so the schedule reads with the plan.
  faults.sort((a, b) => asked.indexOf(a) - asked.indexOf(b));
  return { plan: lengthenStruckTimers(plan, faults, answered), faults, decisions };
}

/**
 * Timers a process fault lands in, lengthened: any timer a second worker lands in to
 * TIMING.secondWorkerTimerMs (it must still run once that worker is up), and a sleep
 * or an unanswered approval a crash lands in to TIMING.crashedTimerMs.
 */
function lengthenStruckTimers(plan: Plan, faults: Fault[], answered: Record<string, string>): Plan {
  const atLeast = new Map<string, number>();
  for (const f of faults) {
    if (!isProcessFault(f) || !('at' in f) || (f.at !== 'sleeping' && f.at !== 'waiting')) continue;
    if (f.kind === 'second-worker') atLeast.set(f.step, TIMING.secondWorkerTimerMs);
    else if (f.at === 'sleeping' || !answered[f.step]) atLeast.set(f.step, TIMING.crashedTimerMs);
  }
  if (atLeast.size === 0) return plan;
  const visit = (steps: Step[]): Step[] =>
    steps.map((s) => {
      const min = atLeast.get(s.id) ?? 0;
      if (s.kind === 'sleep') return { ...s, ms: Math.max(s.ms, min) };
      if (s.kind === 'approval') return { ...s, timeoutMs: Math.max(s.timeoutMs, min), approved: visit(s.approved), rejected: visit(s.rejected) };
      if (s.kind === 'parallel') return { ...s, branches: s.branches.map(visit) };
      return s;
    });
  return { ...plan, steps: visit(plan.steps) };
}
