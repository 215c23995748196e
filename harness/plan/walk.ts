import type { Plan, Step } from './schema.js';

/** Every step of a plan, depth first, branches and agents' plans included. */
export function allSteps(plan: Pick<Plan, 'steps'>): Step[] {
  const out: Step[] = [];
  const visit = (steps: Step[]) => {
    for (const step of steps) {
      out.push(step);
      if (step.kind === 'approval') {
        visit(step.approved);
        visit(step.rejected);
      } else if (step.kind === 'parallel') step.branches.forEach(visit);
      else if (step.kind === 'agent') visit(step.plan.steps);
    }
  };
  visit(plan.steps);
  return out;
}

/** Whether a step belongs to an agent step's plan (a child run's step), at any depth. */
export function inChildPlan(plan: Pick<Plan, 'steps'>, id: string): boolean {
  return allSteps(plan).some((s) => s.kind === 'agent' && allSteps(s.plan).some((c) => c.id === id));
}

export function findStep(plan: Pick<Plan, 'steps'>, id: string): Step | undefined {
  return allSteps(plan).find((s) => s.id === id);
}

/** Steps that call the outside world through the effect ledger. */
export function isEffectStep(step: Step): step is Extract<Step, { kind: 'llm' | 'tool' }> {
  return step.kind === 'llm' || step.kind === 'tool';
}

