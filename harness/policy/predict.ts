import { branchTaken, type Decision } from '../plan/execute.js';
import type { Plan, Step } from '../plan/schema.js';
import { allSteps, isEffectStep } from '../plan/walk.js';
import { firstBreach, type Breach, type PolicyCall } from './rules.js';
import type { Policy } from './schema.js';

export interface Refusal extends Breach {
  /** The step whose call an enforced rule refuses. */
  step: string;
  /** Inside a parallel branch or an agent's plan, where what runs after it is not one line. */
  nested: boolean;
}

/** What one model call of each step costs, from the plan. */
export function tokensByStep(plan: Pick<Plan, 'steps'>): (stepId: string) => number {
  const tokens = new Map(allSteps(plan).flatMap((s) => (s.kind === 'llm' ? [[s.id, s.tokens] as const] : [])));
  return (id) => tokens.get(id) ?? 0;
}

/**
 * The first call on the run's path that an enforced rule refuses, walking the plan as
 * a correct runtime runs it (each effect once, approvals as the humans decide): the
 * oracle then expects the run to fail there (decision 0060).
 */
export function predictRefusal(plan: Pick<Plan, 'steps'>, policies: readonly Policy[], decisionOf: (approvalId: string) => Decision): Refusal | undefined {
  if (!policies.some((p) => p.enforce)) return undefined;
  const spent: PolicyCall[] = [];
  const approved = new Map<string, number>();
  const tokensOf = tokensByStep(plan);
  let tick = 0;
  const walk = (steps: Step[], nested: boolean): Refusal | undefined => {
    for (const step of steps) {
      tick++;
      if (isEffectStep(step)) {
        const call: PolicyCall = { kind: step.kind, stepId: step.id, ...(step.kind === 'tool' ? { tool: step.tool } : {}) };
        const breach = firstBreach(policies, call, tick, { spent, approvedAt: (a) => approved.get(a), tokensOf }, (p) => p.enforce);
        if (breach) return { ...breach, step: step.id, nested };
        spent.push(call);
      } else if (step.kind === 'approval') {
        const d = decisionOf(step.id);
        if (d === 'approved') approved.set(step.id, tick);
        const found = walk(branchTaken(step, d), nested);
        if (found) return found;
      } else if (step.kind === 'parallel') {
        for (const b of step.branches) {
          const found = walk(b, true);
          if (found) return found;
        }
      } else if (step.kind === 'agent') {
        const found = walk(step.plan.steps, true);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(plan.steps, false);
}
