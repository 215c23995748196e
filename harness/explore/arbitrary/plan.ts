import fc from 'fast-check';
import type { Plan, Step } from '../../plan/schema.js';
import type { Fault } from '../../faults/registry.js';
import { allSteps, isEffectStep } from '../../plan/walk.js';
import type { ApprovalFault, EffectFault, FaultArbitraries, TimerFault } from './faults.js';
import { EXPLORE_TIMING } from '../../timing.js';
import { withStructuralShrinks } from './shrink-plan.js';
import { agentNamed, approvalNamed, llmNamed, parallelNamed, sleepNamed, toolNamed } from './names.js';

// Agent plans are generated as specs (shapes, numbers, and the faults each step asks
// for) and then built into a plan: ids, names and the placement rules live in the
// build, so every shrink of a spec still builds a valid, fair plan.

/** What the human does at an approval: answer in time, or deliberately never. */
export type Human = 'approve' | 'reject' | 'none';

export type StepSpec =
  | { kind: 'llm'; name: number; tokens: number; latencyMs: number; fault: EffectFault | null }
  | { kind: 'tool'; name: number; mode: 'read' | 'write'; latencyMs: number; fault: EffectFault | null }
  | { kind: 'sleep'; name: number; ms: number; timerFault: TimerFault | null }
  | { kind: 'approval'; name: number; human: Human; answeredTimeoutMs: number; silentTimeoutMs: number; onTimeout: 'approve' | 'reject'; approved: StepSpec[]; rejected: StepSpec[]; fault: ApprovalFault | null; timerFault: TimerFault | null }
  | { kind: 'parallel'; name: number; branches: StepSpec[][] }
  | { kind: 'agent'; name: number; steps: StepSpec[]; fault: EffectFault | null };

export interface PlanShape {
  /** Most steps in a plan, containers and their contents included. */
  maxSteps: number;
  /** False for runtimes without approval timeouts: every human then answers in time. */
  timeouts: boolean;
  /** Generate agent steps (`--agents`): off by default, so existing seeds and paths replay the same cases. */
  agents?: boolean;
  faults: FaultArbitraries;
}

/** Containers nest this deep at most (an approval inside a parallel branch, say). */
const MAX_DEPTH = 2;

const name = fc.noShrink(fc.nat());
// Most calls answer at once; some are slow, which moves where crashes land.
const latency = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer(EXPLORE_TIMING.latencyMs) });

function stepSpec(depth: number, shape: PlanShape): fc.Arbitrary<StepSpec> {
  const f = shape.faults;
  const llm: fc.Arbitrary<StepSpec> = fc.record({ kind: fc.constant('llm' as const), name, tokens: fc.integer({ min: 100, max: 8000 }), latencyMs: latency, fault: f.effect });
  const tool: fc.Arbitrary<StepSpec> = fc.record({ kind: fc.constant('tool' as const), name, mode: fc.constantFrom('write' as const, 'read' as const), latencyMs: latency, fault: f.effect });
  const sleep: fc.Arbitrary<StepSpec> = fc.record({ kind: fc.constant('sleep' as const), name, ms: fc.integer(EXPLORE_TIMING.sleepMs), timerFault: f.timer });
  const leaves = [
    { weight: 4, arbitrary: tool },
    { weight: 3, arbitrary: llm },
    { weight: 2, arbitrary: sleep },
  ];
  if (depth >= MAX_DEPTH) return fc.oneof(...leaves);
  const seq = (min: number, max: number) => fc.array(stepSpec(depth + 1, shape), { minLength: min, maxLength: max });
  const approval: fc.Arbitrary<StepSpec> = fc.record({
    kind: fc.constant('approval' as const),
    name,
    human: shape.timeouts ? fc.constantFrom<Human>('approve', 'reject', 'none') : fc.constantFrom<Human>('approve', 'reject'),
    answeredTimeoutMs: fc.integer(EXPLORE_TIMING.answeredTimeoutMs),
    silentTimeoutMs: fc.integer(EXPLORE_TIMING.silentTimeoutMs),
    onTimeout: fc.constantFrom('reject' as const, 'approve' as const),
    approved: seq(0, 2),
    rejected: seq(0, 2),
    fault: f.approval,
    timerFault: f.timer,
  });
  const parallel: fc.Arbitrary<StepSpec> = fc.record({
    kind: fc.constant('parallel' as const),
    name,
    branches: fc.array(seq(1, 2), { minLength: 2, maxLength: 3 }),
  });
  // A child run: its plan is built from llm, tool and agent steps only (approvals in a child are not generated yet).
  const agent: fc.Arbitrary<StepSpec> = fc.record({ kind: fc.constant('agent' as const), name, steps: seq(1, 3), fault: f.effect });
  return fc.oneof(...leaves, { weight: 2, arbitrary: approval }, { weight: 1, arbitrary: parallel }, ...(shape.agents ? [{ weight: 2, arbitrary: agent }] : []));
}

export function planSpecArbitrary(shape: PlanShape): fc.Arbitrary<StepSpec[]> {
  return withStructuralShrinks(fc.array(stepSpec(0, shape), { minLength: 1, maxLength: shape.maxSteps }));
}

export interface BuiltPlan {
  plan: Plan;
  /** What the human does at each approval of the plan. */
  humans: Record<string, Human>;
  /** The faults the steps asked for, in plan order; anchoring keeps the fair ones. */
  wanted: Fault[];
}

/**
 * Build a valid plan from a spec: unique ids, at most `maxSteps` steps, parallels
 * with two non-empty branches, and sleeps only where their timing is measurable.
 */
export function buildPlan(specs: StepSpec[], maxSteps: number, planName: string): BuiltPlan {
  const used = new Map<string, number>();
  const unique = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  const humans: Record<string, Human> = {};
  const wanted = new Map<string, Fault[]>();
  const want = (step: string, ...faults: Fault[]) => wanted.set(step, faults);
  let budget = maxSteps;

  const build = (spec: StepSpec, inParallel: boolean, inAgent = false): Step[] => {
    if (budget <= 0) return [];
    // An agent's plan holds llm, tool and agent steps only: no approvals (a plan may hold
    // them since decision 0112; generating them would change what every seed and path
    // replays), and no sleeps or parallels, whose timing the checkers date from the parent's steps.
    if (inAgent && (spec.kind === 'approval' || spec.kind === 'sleep' || spec.kind === 'parallel')) return [];
    switch (spec.kind) {
      case 'llm':
      case 'tool': {
        budget--;
        const step: Step =
          spec.kind === 'llm'
            ? (({ id, prompt }) => ({ kind: 'llm' as const, id: unique(id), tokens: spec.tokens, latencyMs: spec.latencyMs, prompt }))(llmNamed(spec.name))
            : (({ id, tool, input }) => ({ kind: 'tool' as const, id: unique(id), tool, mode: spec.mode, latencyMs: spec.latencyMs, input }))(toolNamed(spec.name, spec.mode));
        if (spec.fault) want(step.id, { ...spec.fault, step: step.id });
        return [step];
      }
      case 'sleep': {
        // Sleeps under a parallel are left out: a crash in another branch can make the
        // step before the sleep run again, and the sleep's start is then not measurable.
        if (inParallel) return [];
        budget--;
        const id = unique(sleepNamed(spec.name));
        if (spec.timerFault) want(id, { ...spec.timerFault, step: id, at: 'sleeping' });
        return [{ kind: 'sleep', id, ms: spec.ms }];
      }
      case 'approval': {
        budget--;
        const id = unique(approvalNamed(spec.name));
        // Nobody answering inside a parallel makes a timer whose end waits on the other
        // branches too, so its length is not measurable: there, the human answers.
        const human = inParallel && spec.human === 'none' ? 'approve' : spec.human;
        humans[id] = human;
        want(id, ...(spec.fault ? [{ ...spec.fault, step: id }] : []), ...(spec.timerFault ? [{ ...spec.timerFault, step: id, at: 'waiting' as const }] : []));
        const approved = sequence(spec.approved, false, inParallel);
        const rejected = sequence(spec.rejected, false, inParallel);
        const timeoutMs = human === 'none' ? spec.silentTimeoutMs : spec.answeredTimeoutMs;
        return [{ kind: 'approval', id, timeoutMs, onTimeout: spec.onTimeout, approved, rejected }];
      }
      case 'agent': {
        if (budget < 2) return [];
        budget--;
        const { id, agent } = agentNamed(spec.name);
        const stepId = unique(id);
        const steps = spec.steps.flatMap((s) => build(s, false, true));
        if (steps.length === 0) {
          budget++;
          return [];
        }
        // Only a process fault fits an agent step: its call is its child's start.
        if (spec.fault && 'at' in spec.fault) want(stepId, { ...spec.fault, step: stepId } as Fault);
        return [{ kind: 'agent', id: stepId, agent, plan: { steps } }];
      }
      case 'parallel': {
        if (budget < 3) return [];
        budget--;
        const id = unique(parallelNamed(spec.name));
        const branches = spec.branches.map((b) => sequence(b, false, true)).filter((b) => b.length > 0);
        if (branches.length >= 2) return [{ kind: 'parallel', id, branches }];
        // Too little budget for two branches: the one left runs inline.
        budget++;
        return branches.flat();
      }
    }
  };

  const sequence = (specs: StepSpec[], topLevel: boolean, inParallel: boolean): Step[] => placeSleeps(specs.flatMap((s) => build(s, inParallel)), topLevel);

  let steps = sequence(specs, true, false);
  // Every spec left out (only sleeps, say): the smallest plan is one model call.
  if (steps.length === 0) steps = [{ kind: 'llm', id: 'draft-reply', tokens: 1000, latencyMs: 0 }];
  const plan: Plan = { name: planName, steps };
  // In plan order; faults of steps left out (a misplaced sleep) go with them.
  return { plan, humans, wanted: allSteps(plan).flatMap((s) => wanted.get(s.id) ?? []) };
}

/**
 * A sleep stays only between two llm or tool steps of its sequence (at the top level
 * it may also open or close the plan). The checkers date a sleep from the answer of
 * the step before it, and a crash while sleeping is anchored on that answer too.
 */
function placeSleeps(steps: Step[], topLevel: boolean): Step[] {
  const out: Step[] = [];
  steps.forEach((step, i) => {
    if (step.kind !== 'sleep') return void out.push(step);
    const prev = out.at(-1);
    const next = steps[i + 1];
    const startsWell = prev ? isEffectStep(prev) : topLevel;
    const endsWell = next ? isEffectStep(next) : topLevel;
    if (startsWell && endsWell) out.push(step);
  });
  return out;
}
