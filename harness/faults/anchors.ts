import type { Plan, Step } from '../plan/schema.js';
import { isEffectStep } from '../plan/walk.js';

/**
 * The llm or tool step right before `id` in its sequence: when its answer arrives,
 * the run has moved on to `id`. Undefined when `id` comes first (the run's start is the anchor).
 */
export function precedingEffect(plan: Pick<Plan, 'steps'>, id: string): string | undefined {
  const search = (steps: Step[]): string | undefined | null => {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (step.id === id) {
        const prev = steps[i - 1];
        if (!prev) return undefined;
        if (isEffectStep(prev)) return prev.id;
        throw new Error(`a crash while sleeping in "${id}" needs an llm or tool step right before the sleep (or the sleep first in the plan)`);
      }
      const nested = step.kind === 'approval' ? [step.approved, step.rejected] : step.kind === 'parallel' ? step.branches : [];
      for (const seq of nested) {
        const found = search(seq);
        if (found !== null) return found;
      }
    }
    return null;
  };
  const found = search(plan.steps);
  return found === null ? undefined : found;
}
