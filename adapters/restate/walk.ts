import * as restate from '@restatedev/restate-sdk';
import { branchTaken, sortOutput, type Primitives, type RunOutput } from '../../harness/plan/execute.js';
import type { Plan, Step } from '../../harness/plan/schema.js';
import { isEffectStep } from '../../harness/plan/walk.js';

/**
 * executePlan's walk, except for parallel steps. Restate's TypeScript SDK wants
 * concurrent durable calls awaited through its own combinators: awaiting several
 * ctx.run promises at once with Promise.all fails on replay with "awaitNext already
 * pending" (restatedev/sdk-typescript#743, still seen with SDK 1.17.2) and the
 * invocation retries until a replay happens to get through. So branches of one
 * call each run at once under RestatePromise.all, as Restate's docs show; longer
 * branches, which its combinators cannot compose, run one after another (a valid
 * order for a parallel step). docs/decisions/restate-parallel-steps.md says more.
 */
export async function runPlan(plan: Pick<Plan, 'steps'>, primitives: Primitives): Promise<RunOutput> {
  const output: RunOutput = { results: {}, decisions: {} };
  const runSteps = async (steps: Step[]): Promise<void> => {
    for (const step of steps) {
      switch (step.kind) {
        case 'llm':
        case 'tool':
          output.results[step.id] = await primitives.effect(step);
          break;
        case 'sleep':
          await primitives.sleep(step);
          break;
        case 'approval': {
          const decision = await primitives.approval(step);
          output.decisions[step.id] = decision;
          await runSteps(branchTaken(step, decision));
          break;
        }
        case 'parallel': {
          const singles = step.branches.map((b) => (b.length === 1 && isEffectStep(b[0]) ? b[0] : undefined));
          if (singles.every((s) => s !== undefined)) {
            const calls = singles.map((s) => primitives.effect(s!));
            const values = calls.every((c) => restate.isRestatePromise(c))
              ? await restate.RestatePromise.all(calls as restate.RestatePromise<string>[])
              : await Promise.all(calls);
            singles.forEach((s, i) => (output.results[s!.id] = values[i] as string));
          } else for (const branch of step.branches) await runSteps(branch);
          break;
        }
      }
    }
  };
  await runSteps(plan.steps);
  return sortOutput(output);
}
