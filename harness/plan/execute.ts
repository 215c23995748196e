import type { AgentStep, ApprovalStep, LlmStep, Plan, SleepStep, Step, ToolStep } from './schema.js';

export type Decision = 'approved' | 'rejected' | 'timed-out';

/** What a run returns; the oracle predicts it from the plan and the humans' decisions. */
export interface RunOutput {
  results: Record<string, string>;
  decisions: Record<string, Decision>;
}

/**
 * The durable primitives one runtime offers. Each adapter's interpreter supplies them
 * from its own runtime (a Temporal activity, a Restate ctx.run, a journal row...);
 * the walk over the plan is the same everywhere, so every runtime runs the same agent.
 */
export interface Primitives {
  effect(step: LlmStep | ToolStep): Promise<string>;
  approval(step: ApprovalStep): Promise<Decision>;
  sleep(step: SleepStep): Promise<void>;
  /**
   * How this runtime runs a parallel step's branches; by default all at once with
   * Promise.all. A runtime whose SDK needs its own combinators (Restate's) supplies
   * this, runs branches with `run.branch`, and records values it got itself with `run.record`.
   */
  /**
   * Start another agent's run with `step.plan` through this runtime's own primitive (a
   * child workflow, a service call, a subgraph) and wait for it: the result is
   * `agentResult` of the child's output. A runtime without it cannot run agent steps.
   */
  agent?(step: AgentStep): Promise<string>;
  parallel?(branches: Step[][], run: { branch(steps: Step[]): Promise<void>; record(stepId: string, value: string): void }): Promise<void>;
}

export function branchTaken(step: ApprovalStep, decision: Decision): Step[] {
  const approved = decision === 'approved' || (decision === 'timed-out' && step.onTimeout === 'approve');
  return approved ? step.approved : step.rejected;
}

export async function executePlan(plan: Pick<Plan, 'steps'>, primitives: Primitives): Promise<RunOutput> {
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
        case 'agent':
          if (!primitives.agent) throw new Error(`agent step "${step.id}": this interpreter does not run agent steps`);
          output.results[step.id] = await primitives.agent(step);
          break;
        case 'parallel':
          if (primitives.parallel) await primitives.parallel(step.branches, { branch: runSteps, record: (id, value) => (output.results[id] = value) });
          else await Promise.all(step.branches.map(runSteps));
          break;
      }
    }
  };
  await runSteps(plan.steps);
  return sortOutput(output);
}

/** Key order must not depend on which parallel branch finished first. */
export function sortOutput(output: RunOutput): RunOutput {
  const sorted = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return { results: sorted(output.results), decisions: sorted(output.decisions) };
}

/** What a parent receives from a child run: the child's whole output, as one stable string. */
export function agentResult(child: RunOutput): string {
  return JSON.stringify(sortOutput(child));
}

/**
 * The child run's id, derived from its parent's, as runtimes' docs teach for child
 * workflows: a replay of the parent asks for the same child again, never a second one.
 */
export function childRunId(parentRunId: string, step: Pick<AgentStep, 'id'>): string {
  return `${parentRunId}/${step.id}`;
}
