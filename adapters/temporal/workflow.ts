// The interpreter: a Temporal workflow that runs any agent plan, written the way
// Temporal's docs say. Every llm and tool step is an activity (retried by policy,
// its result recorded in the event history); approvals are signals awaited with
// condition() and the plan's timeout; sleeps are durable timers; parallel branches
// are concurrent activities; an agent step is a child workflow (executeChild) whose
// id is derived from the parent's. The plan walk itself is pure and deterministic, so
// it replays identically after a worker crash. A decision may also come as an
// update (AGENTCHECK_TEMPORAL_APPROVAL=update, decision 0087): the client waits for
// the workflow's answer, and a validator refuses what the run would ignore.
import { condition, executeChild, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { agentResult, childRunId, type Decision, executePlan, type RunOutput } from '../../harness/plan/index.js';
import type { Activities } from './activities.js';
import { approvalSignal, decideUpdate, type AgentPlanInput, type ApprovalMessage } from './contract.js';
import { ACTIVITY_RETRY, ACTIVITY_TIMEOUTS } from './settings.js';

/** One step's activities, with the step id as the activity id: it names the step in the history and in the idempotency key. */
const forStep = (stepId: string) => proxyActivities<Activities>({ activityId: stepId, summary: stepId, ...ACTIVITY_TIMEOUTS, retry: ACTIVITY_RETRY });

export async function agentPlan({ runId, plan, child, childTaskQueue }: AgentPlanInput): Promise<RunOutput> {
  // Registered before the first await, so signals that arrived before the run reached
  // its wait (they sit in the history) are delivered here too. The first decision counts.
  const decisions = new Map<string, Decision>();
  /** Approval steps whose wait ran out: a decision on them changes nothing. */
  const expired = new Set<string>();
  const take = ({ stepId, decision }: ApprovalMessage) => {
    if (!decisions.has(stepId)) decisions.set(stepId, decision === 'approve' ? 'approved' : 'rejected');
    return decisions.get(stepId) as 'approved' | 'rejected';
  };
  setHandler(approvalSignal, (msg) => void take(msg));
  // The validator runs before the update is written to the history: a refused one leaves no trace there.
  setHandler(decideUpdate, take, {
    validator: ({ stepId }) => {
      if (decisions.has(stepId)) throw new Error(`${stepId} was already decided: ${decisions.get(stepId)}`);
      if (expired.has(stepId)) throw new Error(`${stepId} is no longer waiting: its request expired`);
    },
  });

  // A child's first act, as an activity: recorded once in its history, retried with a key.
  if (child) await forStep(child.agentStep).announceStart({ runId, stepId: child.agentStep, childRun: child.childRun });
  const onLedger = child ? { runId, childRun: child.childRun } : { runId };

  return executePlan(plan, {
    effect: (step) =>
      forStep(step.id).effect({
        ...onLedger,
        stepId: step.id,
        kind: step.kind,
        ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }),
      }),
    approval: async (step) => {
      // The request's expiry is fixed when the approver was asked, as a deadline sent with
      // it would be: a worker crash before the wait began does not lengthen the wait.
      const { requestedAt } = await forStep(step.id).requestApproval({ runId, stepId: step.id });
      const left = Math.max(1, requestedAt + step.timeoutMs - Date.now()); // workflow time: replays identically
      // A durable timer bounds the wait: a decision that comes after it fired changes nothing.
      const answered = await condition(() => decisions.has(step.id), left, { summary: step.id });
      if (!answered) expired.add(step.id);
      return answered ? decisions.get(step.id)! : 'timed-out';
    },
    sleep: (step) => sleep(step.ms, { summary: step.id }),
    // A child workflow, as Temporal's docs teach: its id derived from the parent's, so a
    // replayed parent finds the child it started instead of starting another. It runs on
    // the children's task queue when the input names one, served by a worker process of
    // its own (decision 0110), and its activities with it; its own children too.
    agent: async (step) => {
      const childRun = childRunId(workflowInfo().workflowId, step);
      const output = await executeChild(agentPlan, {
        workflowId: childRun,
        ...(childTaskQueue ? { taskQueue: childTaskQueue } : {}),
        args: [{ runId, plan: { name: step.agent, steps: step.plan.steps }, child: { childRun, agentStep: step.id }, ...(childTaskQueue ? { childTaskQueue } : {}) }],
      });
      return agentResult(output);
    },
  });
}
