// The audit read: the workflow's recorded steps (DBOS's listWorkflowSteps), turned
// into one entry per plan step. llm, tool and approval-request steps carry the plan's
// step id as their name. DBOS names its own operations (DBOS.recv, DBOS.sleep) by
// the function, not the plan step, so those are matched in order: the workflow body
// is deterministic, its n-th recv answers the n-th approval it asked, and its n-th
// sleep is the n-th sleep on the path the recorded answers took. A recv with a
// timeout records its deadline as a DBOS.sleep of its own, numbered right after the
// recv (and recorded before it, while the wait lasts): that is not a plan sleep.
import type { DBOSClient } from '@dbos-inc/dbos-sdk';
import type { RuntimeHistory } from '../../harness/index.js';
import { agentResult, allSteps, type Plan, type RunOutput, type Step } from '../../harness/plan/index.js';

type Entry = RuntimeHistory['steps'][number];
/** What DBOS lists per recorded step (its StepInfo, which the package does not export). */
type StepInfo = NonNullable<Awaited<ReturnType<DBOSClient['listWorkflowSteps']>>>[number];

/** The plan's sleeps on the path the answers took (an unanswered approval ends the path; branches in order). */
function sleepsTaken(steps: Step[], answers: Map<string, unknown>): string[] {
  return steps.flatMap((step): string[] => {
    if (step.kind === 'sleep') return [step.id];
    if (step.kind === 'parallel') return step.branches.flatMap((b) => sleepsTaken(b, answers));
    if (step.kind !== 'approval' || !answers.has(step.id)) return [];
    const answer = answers.get(step.id) ?? step.onTimeout; // null: recv timed out
    return sleepsTaken(answer === 'approve' ? step.approved : step.rejected, answers);
  });
}

export function stepsFromHistory(recorded: StepInfo[], plan: Plan): RuntimeHistory {
  const kinds = new Map(allSteps(plan).map((s) => [s.id, s.kind] as const));
  const ordered = [...recorded].sort((a, b) => a.functionID - b.functionID);
  const names = new Map(ordered.map((s) => [s.functionID, s.name] as const));
  const entries = new Map<string, Entry>();
  const answers = new Map<string, unknown>();
  const waiting: string[] = []; // approvals asked, in order, whose recv is not yet matched
  const timeouts = new Set<number>();
  const at = new Map<string, number>(); // where each entry first appears, to list them in run order
  const put = (entry: Entry, functionID: number) => {
    entries.set(entry.stepId, entry);
    if (!at.has(entry.stepId)) at.set(entry.stepId, functionID);
  };
  for (const step of ordered) {
    const status: Entry['status'] = step.error ? 'failed' : 'completed';
    const kind = kinds.get(step.name);
    if (kind === 'approval') {
      // The request went out; the approval is complete once its recv returned.
      put({ stepId: step.name, status: step.error ? 'failed' : 'started' }, step.functionID);
      waiting.push(step.name);
    } else if (step.childWorkflowID) {
      // An agent step's child workflow (its id ends in the step's id): its start, then its awaited result.
      const stepId = step.childWorkflowID.slice(step.childWorkflowID.lastIndexOf('/') + 1);
      if (kinds.get(stepId) !== 'agent') continue;
      const output = step.output && typeof step.output === 'object' ? (step.output as RunOutput) : undefined;
      const before = entries.get(stepId)?.status;
      put({ stepId, status: step.error ? 'failed' : output ? 'completed' : (before ?? 'started'), childRun: step.childWorkflowID, ...(output ? { result: agentResult(output) } : {}) }, step.functionID);
    } else if (kind === 'agent') {
      // A child's own note that it started, named by its parent's agent step: the parent's record lists the step.
    } else if (kind) {
      put({ stepId: step.name, status, ...(typeof step.output === 'string' ? { result: step.output } : {}) }, step.functionID);
    } else if (step.name === 'DBOS.recv' && waiting.length) {
      const stepId = waiting.shift()!;
      put({ stepId, status }, step.functionID);
      answers.set(stepId, step.output);
    } else if (step.name === 'DBOS.sleep' && (names.get(step.functionID - 1) === 'DBOS.recv' || (!names.has(step.functionID - 1) && waiting.length))) {
      timeouts.add(step.functionID);
    }
  }
  const sleeps = sleepsTaken(plan.steps, answers);
  for (const step of ordered.filter((s) => s.name === 'DBOS.sleep' && !timeouts.has(s.functionID))) {
    const stepId = sleeps.shift();
    if (stepId) put({ stepId, status: step.error ? 'failed' : 'completed' }, step.functionID);
  }
  return { steps: [...entries.values()].sort((a, b) => at.get(a.stepId)! - at.get(b.stepId)!) };
}
