import fc from 'fast-check';
import { computeOracle } from '../../oracle.js';
import type { Plan, Step } from '../../plan/schema.js';
import type { Fault, FaultKind } from '../../scenario/faults.js';
import type { Scenario } from '../../scenario/schema.js';
import { TIMING, type Human } from './plan.js';

// Faults are generated on the steps they strike: an llm or tool step may carry a
// crash, failures or a lost answer; an approval an odd delivery or a crash while
// waiting; a sleep a crash. Removing a step while shrinking removes its faults and
// leaves every other fault where it was, so shrinking converges on small cases.
// Anchoring (below) then keeps only the faults that are fair for the plan.

export const FAULT_KINDS: readonly FaultKind[] = ['crash-worker', 'restart-runtime', 'tool-fails', 'response-lost', 'duplicate-start', 'approve-twice', 'approve-early', 'approve-late'];

type Crash = { kind: 'crash-worker' | 'restart-runtime'; downtimeMs: number };
export type EffectFault = (Crash & { at: 'before-effect' | 'during-effect' | 'after-effect' }) | { kind: 'tool-fails'; times: number; how: 'error' | 'timeout' } | { kind: 'response-lost' };
export type TimerFault = Crash;
export type ApprovalFault = { kind: 'approve-twice'; spacingMs: number } | { kind: 'approve-early' } | { kind: 'approve-late'; afterTimeoutMs: number };
export type RunFault = { kind: 'duplicate-start'; afterMs: number };

/** A fault a step asked for, before anchoring decides whether it is fair to keep. */
export type WantedFault = Fault;

export interface FaultArbitraries {
  effect: fc.Arbitrary<EffectFault | null>;
  /** A crash while sleeping, or while waiting for an approval. */
  timer: fc.Arbitrary<TimerFault | null>;
  approval: fc.Arbitrary<ApprovalFault | null>;
  run: fc.Arbitrary<RunFault | null>;
}

/** `null` most of the time; shrinking goes to `null` first (fewest faults). */
function sometimes<T>(weight: number, ...options: fc.Arbitrary<T>[]): fc.Arbitrary<T | null> {
  if (options.length === 0) return fc.constant(null);
  return fc.oneof({ withCrossShrink: true }, { weight, arbitrary: fc.constant(null) }, ...options.map((arbitrary) => ({ weight: 1, arbitrary })));
}

export function faultArbitraries(kinds: readonly FaultKind[]): FaultArbitraries {
  const has = (k: FaultKind) => kinds.includes(k);
  const downtimeMs = fc.integer({ min: 100, max: 300 });
  const crashKinds = (['crash-worker', 'restart-runtime'] as const).filter(has);
  // A runtime restart is rarer than a worker crash, and adapters without the power skip it.
  const crashKind = crashKinds.length ? fc.oneof(...crashKinds.map((k) => ({ weight: k === 'crash-worker' ? 3 : 1, arbitrary: fc.constant(k) }))) : fc.constant('crash-worker' as const);
  const crash = (at: 'before-effect' | 'during-effect' | 'after-effect') => (crashKinds.length ? [fc.record({ kind: crashKind, at: fc.constant(at), downtimeMs })] : []);
  const effect: fc.Arbitrary<EffectFault>[] = [
    // Worker crashes are what durable runtimes exist for: one arbitrary per crash point.
    ...crash('before-effect'),
    ...crash('during-effect'),
    ...crash('after-effect'),
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
    timer: sometimes(2, ...(crashKinds.length ? [fc.record({ kind: crashKind, downtimeMs })] : [])),
    approval: sometimes(2 * approval.length, ...approval),
    run: sometimes(5, ...(has('duplicate-start') ? [fc.record({ kind: fc.constant('duplicate-start' as const), afterMs: fc.integer({ min: 0, max: 300 }) })] : [])),
  };
}

export interface Anchored {
  /** The plan, with timers a crash lands in lengthened (see TIMING.crashedTimerMs). */
  plan: Plan;
  faults: Fault[];
  decisions: Record<string, 'approve' | 'reject'>;
}

const isCrash = (f: Fault) => f.kind === 'crash-worker' || f.kind === 'restart-runtime';
const isApprovalFault = (f: Fault) => f.kind === 'approve-twice' || f.kind === 'approve-early' || f.kind === 'approve-late';
const anchorOf = (f: Fault) => ('step' in f ? f.step : undefined);

/**
 * Keep the wanted faults that are fair for this plan, in plan order. The rules keep
 * the verdict up to the runtime: at most one crash (two restarts could overlap),
 * faults only on steps the run takes (an anchor never reached would hold the case
 * open), approval faults only where a human answers, and no crash beside a late
 * approval (a crash can delay the start of the wait, so "late" would no longer be
 * after the runtime's timeout).
 */
export function anchorFaults(plan: Plan, humans: Record<string, Human>, wanted: WantedFault[]): Anchored {
  const answered: Record<string, 'approve' | 'reject'> = {};
  for (const [id, h] of Object.entries(humans)) if (h !== 'none') answered[id] = h;
  const takenWith = (faults: Fault[]) => computeOracle({ plan, decisions: answered, faults } as unknown as Scenario).taken;

  // Approval faults first: a late approval changes which branch is taken.
  const ordered = [...wanted.filter(isApprovalFault), ...wanted.filter((f) => !isApprovalFault(f))];
  let faults: Fault[] = [];
  for (const f of ordered) {
    const step = anchorOf(f);
    if (isApprovalFault(f) && !answered[step!]) continue;
    if (isCrash(f) && faults.some((x) => isCrash(x) || x.kind === 'approve-late')) continue;
    if (f.kind === 'approve-late' && faults.some(isCrash)) continue;
    if (step !== undefined && !takenWith(faults).has(step)) continue;
    const next = [...faults, f];
    // Every fault must still sit on the taken path once this one is in.
    const after = takenWith(next);
    if (next.every((x) => anchorOf(x) === undefined || after.has(anchorOf(x)!))) faults = next;
  }
  const taken = takenWith(faults);
  const decisions = Object.fromEntries(Object.entries(answered).filter(([id]) => taken.has(id)));
  // Back to the order the steps asked for them, so the schedule reads with the plan.
  faults.sort((a, b) => wanted.indexOf(a) - wanted.indexOf(b));
  return { plan: lengthenCrashedTimers(plan, faults, answered), faults, decisions };
}

function lengthenCrashedTimers(plan: Plan, faults: Fault[], answered: Record<string, string>): Plan {
  const crashed = new Set(faults.flatMap((f) => (isCrash(f) && 'at' in f && (f.at === 'sleeping' || (f.at === 'waiting' && !answered[f.step])) ? [f.step] : [])));
  if (crashed.size === 0) return plan;
  const min = TIMING.crashedTimerMs;
  const visit = (steps: Step[]): Step[] =>
    steps.map((s) => {
      if (s.kind === 'sleep' && crashed.has(s.id)) return { ...s, ms: Math.max(s.ms, min) };
      if (s.kind === 'approval') return { ...s, ...(crashed.has(s.id) ? { timeoutMs: Math.max(s.timeoutMs, min) } : {}), approved: visit(s.approved), rejected: visit(s.rejected) };
      if (s.kind === 'parallel') return { ...s, branches: s.branches.map(visit) };
      return s;
    });
  return { ...plan, steps: visit(plan.steps) };
}

