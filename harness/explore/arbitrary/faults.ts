import fc from 'fast-check';
import { FAULTS, FAULT_KINDS, packageOf, type Fault, type FaultKind, type FaultOf } from '../../faults/registry.js';
import type { Kept, TimerContext } from '../../faults/package.js';
import { computeOracle } from '../../oracle.js';
import type { Plan, Step } from '../../plan/schema.js';
import { allSteps, isEffectStep } from '../../plan/walk.js';
import { crashedBesideWaitAtLeast } from '../../faults/fairness.js';
import type { Scenario } from '../../scenario/schema.js';
import { EXPLORE_TIMING, RESTART_ALLOWANCE_MS } from '../../timing.js';
import type { Human } from './plan.js';

// Faults are generated on the steps they strike: an llm or tool step may carry a
// crash, a second worker, failures or a lost answer; an approval an odd delivery, or
// a crash or second worker while waiting; a sleep a crash or second worker. Removing
// a step while shrinking removes its faults and leaves every other fault where it
// was, so shrinking converges on small cases. Anchoring (below) then keeps only the
// faults that are fair for the plan. What each kind generates, and the rules that
// keep it fair, live in its package (harness/faults/); this file only assembles them.

type EffectAnchor = 'before-effect' | 'during-effect' | 'after-effect';
type Offer = (typeof FAULTS)[FaultKind]['explore']['offer'];
/** The kinds a package offers where `O` says. */
type Offering<O extends Offer> = { [K in FaultKind]: (typeof FAULTS)[K]['explore']['offer'] extends O ? K : never }[FaultKind];
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ProcessFault = Without<FaultOf<Offering<'crash' | 'process'>>, 'step' | 'at'>;
export type EffectFault = (ProcessFault & { at: EffectAnchor }) | Without<FaultOf<Offering<'effect'>>, 'step'>;
export type TimerFault = ProcessFault;
export type ApprovalFault = Without<FaultOf<Offering<'approval'>>, 'step'>;
export type RunFault = FaultOf<Offering<'run'>>;
type Generated = EffectFault | TimerFault | ApprovalFault | RunFault;

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

export function faultArbitraries(kinds: readonly FaultKind[]): FaultArbitraries {
  const chosen = FAULT_KINDS.filter((k) => kinds.includes(k)).map((k) => FAULTS[k]);
  const offered = (offer: 'effect' | 'approval' | 'run') => chosen.flatMap((p) => (p.explore.offer === offer ? (p.explore.arbitraries as fc.Arbitrary<Generated>[]) : []));
  const downtimeMs = fc.integer(EXPLORE_TIMING.downtimeMs);
  const crashes = chosen.flatMap((p) => (p.explore.offer === 'crash' ? [{ kind: p.kind, weight: p.explore.weight }] : []));
  const crashKind = crashes.length ? fc.oneof(...crashes.map((c) => ({ weight: c.weight, arbitrary: fc.constant(c.kind) }))) : fc.constant('crash-worker' as const);
  const others = chosen.flatMap((p) => (p.explore.offer === 'process' ? [p.explore] : []));
  // One arbitrary per anchor, whichever process faults were asked for; without another
  // process fault it is the crash arbitrary alone, so those cases (and replay paths) stay as they were.
  const processFault = (anchor: Record<string, fc.Arbitrary<unknown>>, zombies = false): fc.Arbitrary<Generated>[] => {
    const options = [
      ...(crashes.length ? [{ weight: crashes.reduce((w, c) => w + c.weight, 0), arbitrary: fc.record({ kind: crashKind, ...anchor, downtimeMs }) }] : []),
      ...others.map((o) => ({ weight: o.weight, arbitrary: o.arbitrary(anchor, zombies) })),
    ] as { weight: number; arbitrary: fc.Arbitrary<Generated> }[];
    return options.length > 1 ? [fc.oneof(...options)] : options.map((o) => o.arbitrary);
  };
  const at = (anchor: EffectAnchor) => processFault({ at: fc.constant(anchor) }, true);
  // Process faults are what durable runtimes exist for: one arbitrary per effect anchor, then the effect faults.
  const effect = [...at('before-effect'), ...at('during-effect'), ...at('after-effect'), ...offered('effect')];
  const approval = offered('approval');
  // Each package's arbitraries give its own kind, so each slot holds the kinds offered there.
  return {
    effect: sometimes(Math.max(1, Math.round(effect.length * 2.5)), ...effect) as fc.Arbitrary<EffectFault | null>,
    timer: sometimes(2, ...processFault({})) as fc.Arbitrary<TimerFault | null>,
    approval: sometimes(2 * approval.length, ...approval) as fc.Arbitrary<ApprovalFault | null>,
    run: sometimes(5, ...offered('run')) as fc.Arbitrary<RunFault | null>,
  };
}

export interface Anchored {
  /** The plan, with timers a process fault lands in lengthened (see EXPLORE_TIMING). */
  plan: Plan;
  faults: Fault[];
  decisions: Record<string, 'approve' | 'reject'>;
}

const isProcessFault = (f: Fault) => ['crash', 'process'].includes(FAULTS[f.kind].explore.offer);
const isApprovalFault = (f: Fault) => FAULTS[f.kind].explore.offer === 'approval';
const anchorOf = (f: Fault) => ('step' in f ? f.step : undefined);
const kept = (f: Fault): Kept => ({ kind: f.kind, step: anchorOf(f), at: 'at' in f ? f.at : undefined, process: isProcessFault(f) });

/**
 * Keep the wanted faults that are fair for this plan, in plan order. The rules keep
 * the verdict up to the runtime: each kind's own (its package's `unfair`, such as at
 * most one process fault per case), faults only on steps the run takes (an anchor
 * never reached would hold the case open), and approval faults only where a human answers.
 */
export function anchorFaults(plan: Plan, humans: Record<string, Human>, wanted: WantedFault[], restartAllowanceMs = RESTART_ALLOWANCE_MS): Anchored {
  const answered: Record<string, 'approve' | 'reject'> = {};
  for (const [id, h] of Object.entries(humans)) if (h !== 'none') answered[id] = h;
  const takenWith = (faults: Fault[]) => computeOracle({ plan, decisions: answered, faults } as unknown as Scenario).taken;

  const asked = wanted.map((f) => packageOf(f).explore.adapt?.(f, plan) ?? f);
  // Approval faults first: a late approval changes which branch is taken.
  const ordered = [...asked.filter(isApprovalFault), ...asked.filter((f) => !isApprovalFault(f))];
  let faults: Fault[] = [];
  for (const f of ordered) {
    const step = anchorOf(f);
    if (isApprovalFault(f) && !answered[step!]) continue;
    if (packageOf(f).explore.unfair?.(f, faults.map(kept))) continue;
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
  return { plan: lengthenStruckTimers(plan, faults, { answered: (id) => answered[id] !== undefined, restartAllowanceMs }), faults, decisions };
}

/**
 * Timers a fault lands in, lengthened to what its package says it needs (its
 * timerAtLeast), and answered waits a crash at an effect lands beside, in another
 * branch of a parallel (crashedBesideWaitAtLeast).
 */
function lengthenStruckTimers(plan: Plan, faults: Fault[], timer: TimerContext): Plan {
  const atLeast = new Map<string, number>();
  const atLeastOf = (id: string, min: number) => atLeast.set(id, Math.max(atLeast.get(id) ?? 0, min));
  for (const f of faults) {
    const min = packageOf(f).explore.timerAtLeast?.(f, timer);
    if (min !== undefined && 'step' in f) atLeastOf(f.step, min);
    if ('downtimeMs' in f && 'at' in f && f.at !== 'waiting' && f.at !== 'sleeping') {
      for (const { wait, leadMs } of waitsBeside(plan.steps, f.step, timer)) atLeastOf(wait, crashedBesideWaitAtLeast(f.downtimeMs, leadMs, timer));
    }
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

/**
 * The answered approvals in the other branches of each parallel that holds `step`, each
 * with how long the branch holding `step` may take to reach it (its steps' latencies).
 */
function waitsBeside(steps: Step[], step: string, timer: TimerContext): { wait: string; leadMs: number }[] {
  const out: { wait: string; leadMs: number }[] = [];
  for (const s of allSteps({ steps })) {
    if (s.kind !== 'parallel') continue;
    const mine = s.branches.find((b) => allSteps({ steps: b }).some((x) => x.id === step));
    if (!mine) continue;
    const leadMs = allSteps({ steps: mine }).reduce((sum, x) => sum + (isEffectStep(x) ? x.latencyMs : 0), 0);
    for (const b of s.branches) if (b !== mine) for (const x of allSteps({ steps: b })) if (x.kind === 'approval' && timer.answered(x.id)) out.push({ wait: x.id, leadMs });
  }
  return out;
}
