import { childRunId, type Decision, type RunOutput } from './execute.js';
import type { AgentStep, Plan, Step } from './schema.js';
import { allSteps } from './walk.js';

// An approval inside an agent's plan is the child's wait, not its parent's (decision
// 0112): the human's decision goes to the child run, and the child reports what it
// took in its own output, which reaches the parent as the agent step's result.

/** The agent steps whose plans hold `stepId`, outermost first; [] for a step of the plan's own line. */
export function agentsAround(plan: Pick<Plan, 'steps'>, stepId: string): AgentStep[] {
  const find = (steps: Step[], path: AgentStep[]): AgentStep[] | undefined => {
    for (const step of steps) {
      if (step.id === stepId) return path;
      const inner =
        step.kind === 'approval' ? [step.approved, step.rejected] : step.kind === 'parallel' ? step.branches : step.kind === 'agent' ? [step.plan.steps] : [];
      for (const steps of inner) {
        const found = find(steps, step.kind === 'agent' ? [...path, step] : path);
        if (found) return found;
      }
    }
    return undefined;
  };
  return find(plan.steps, []) ?? [];
}

/** The run that waits at approval `stepId`: the started run, or the child (`<parent>/<agent step>`, nested) whose plan holds it. */
export function runWaitingAt(plan: Pick<Plan, 'steps'>, runId: string, stepId: string): string {
  return agentsAround(plan, stepId).reduce((id, agent) => childRunId(id, agent), runId);
}

/**
 * Every decision a run took, its children's included: a child's are in its output, which
 * its parent got as the agent step's result. A result that is not a child's output
 * (a runtime that returned something else) adds nothing: correct-output judges it.
 */
export function decisionsTaken(output: RunOutput, plan: Pick<Plan, 'steps'>): Record<string, Decision> {
  const taken: Record<string, Decision> = { ...output.decisions };
  const agents = new Set(allSteps(plan).filter((s) => s.kind === 'agent').map((s) => s.id));
  const visit = (out: RunOutput) => {
    for (const [id, result] of Object.entries(out.results ?? {})) {
      if (!agents.has(id)) continue;
      const child = parseOutput(result);
      if (!child) continue;
      Object.assign(taken, child.decisions);
      visit(child);
    }
  };
  visit(output);
  return taken;
}

function parseOutput(result: string): RunOutput | undefined {
  try {
    const parsed = JSON.parse(result) as Partial<RunOutput> | null;
    return parsed && typeof parsed === 'object' && parsed.decisions && typeof parsed.decisions === 'object' ? { results: parsed.results ?? {}, decisions: parsed.decisions } : undefined;
  } catch {
    return undefined;
  }
}
