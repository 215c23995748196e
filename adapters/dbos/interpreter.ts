// The interpreter: one DBOS workflow that runs any agent plan, written the way DBOS's
// docs teach. Every llm and tool call is a step (DBOS.runStep, named by the plan's
// step id, with DBOS's retry options); an approval notifies the approver in a step,
// then waits with DBOS.recv on the step's topic until the plan's timeout; a sleep is
// DBOS.sleep; an agent step starts the same workflow as a child (DBOS.startWorkflow,
// its workflow id derived from the parent's) and awaits its result. DBOS checkpoints each step's result in Postgres, and a recovered
// workflow re-runs its body with finished steps returning their recorded result, so
// the body itself must be deterministic: the plan walk is.
import { DBOS } from '@dbos-inc/dbos-sdk';
import { traceHeaders } from '../../harness/traces/call-context.js';
import { callEffect, EffectCallError, type EffectRequest, type LedgerAddress } from '../../harness/kit.js';
import { agentResult, childRunId, executePlan, isEffectStep, type Decision, type LlmStep, type Plan, type RunOutput, type Step, type ToolStep } from '../../harness/plan/index.js';
import { approvalTopic, CALL_TIMEOUT_MS, STEP_RETRY, WORKFLOW_NAME } from './settings.js';

/** How a write tool reaches the outside world: the docs' way, or the known-bad one (dbos-unsafe). */
export type WriteStyle = 'keyed-step' | 'in-workflow-body';

export interface AgentInput {
  runId: string;
  plan: Plan;
  /** Set for a child workflow (an agent step): its own workflow id, and the parent's agent step. */
  child?: { childRun: string; agentStep: string };
}

/** A human's answer, as the adapter sends it. */
export type Answer = 'approve' | 'reject';

const shouldRetry = (err: unknown) => !(err instanceof EffectCallError) || err.retryable;

const requestOf = (runId: string, childRun: string | undefined, step: LlmStep | ToolStep): Omit<EffectRequest, 'idempotencyKey'> => ({
  runId,
  ...(childRun ? { childRun } : {}),
  stepId: step.id,
  kind: step.kind,
  ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }),
});

/**
 * The key DBOS's docs recommend for an external write: derived from the workflow id
 * (unique per run, stable across recovery) and the step, so a retry or a recovered
 * run repeats the same key and the payment API deduplicates it.
 */
const writeKey = (stepId: string) => `${DBOS.workflowID}/${stepId}`;

/** A step that calls the outside world once per attempt; DBOS retries it by its options. The active span is DBOS's span of the step. */
function callInStep(ledger: LedgerAddress, req: Omit<EffectRequest, 'idempotencyKey'>, keyed: boolean): Promise<string> {
  return DBOS.runStep(
    () => callEffect(ledger, { ...req, runtimeAttempt: DBOS.stepStatus?.currentAttempt ?? 1, ...(keyed ? { idempotencyKey: writeKey(req.stepId) } : {}) }, CALL_TIMEOUT_MS, traceHeaders(req)),
    { name: req.stepId, ...STEP_RETRY, shouldRetry },
  );
}

/**
 * DBOS numbers a workflow's operations in the order they start, and a recovered run
 * must start them in the same order: its docs say steps run in parallel must start in
 * a deterministic order. Branches of one llm or tool call all start at once, in
 * order, joined with Promise.allSettled as the docs show; longer branches (whose
 * later steps would start whenever the earlier ones happen to finish) run one after
 * another, a valid order of a parallel step. docs/decisions/0030-dbos-parallel-steps.md.
 */
async function parallel(branches: Step[][], run: { branch(steps: Step[]): Promise<void> }): Promise<void> {
  if (!branches.every((b) => b.length === 1 && isEffectStep(b[0]!))) {
    for (const branch of branches) await run.branch(branch);
    return;
  }
  const settled = await Promise.allSettled(branches.map((b) => run.branch(b)));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Register the workflow (before DBOS.launch); returns the function to start runs with. */
export function registerAgentWorkflow(ledger: LedgerAddress, writes: WriteStyle) {
  const agentPlan = DBOS.registerWorkflow(
    async ({ runId, plan, child }: AgentInput): Promise<RunOutput> => {
      // A child's first act, in a step: recorded once, keyed like any write.
      if (child) await callInStep(ledger, { runId, childRun: child.childRun, stepId: child.agentStep, kind: 'agent-start' }, true);
      return executePlan(plan, {
        effect: (step) => {
          const req = requestOf(runId, child?.childRun, step);
          const write = step.kind === 'tool' && step.mode === 'write';
          // Known-bad: the call sits in the workflow body, so a recovered run, which
          // re-executes the body, makes it again (no key: its author did not think of retries).
          // Outside a step it has no span of its own in DBOS's tracing, so it carries no trace context.
          if (write && writes === 'in-workflow-body') return callEffect(ledger, req, CALL_TIMEOUT_MS);
          return callInStep(ledger, req, write);
        },
        approval: async (step): Promise<Decision> => {
          // The request is a write (a message to a person), so it is keyed; its step
          // returns when it went out, and the wait ends at that time plus the timeout,
          // so a crash between the two does not lengthen the wait.
          const requestedAt = await DBOS.runStep(
            async () => {
              await callEffect(ledger, { runId, stepId: step.id, kind: 'approval-request', idempotencyKey: writeKey(step.id) }, CALL_TIMEOUT_MS, traceHeaders({ runId, stepId: step.id }));
              return Date.now();
            },
            { name: step.id, ...STEP_RETRY, shouldRetry },
          );
          const answer = await DBOS.recv<Answer>(approvalTopic(step.id), { deadlineEpochMS: requestedAt + step.timeoutMs });
          return answer === null ? 'timed-out' : answer === 'approve' ? 'approved' : 'rejected';
        },
        sleep: (step) => DBOS.sleep(step.ms),
        parallel,
        // A child workflow, as DBOS's docs show: started from the workflow (DBOS records
        // the start as one of its operations, so a recovered parent gets the same
        // handle back), its id derived from the parent's.
        agent: async (step) => {
          const childRun = childRunId(DBOS.workflowID!, step);
          const handle = await DBOS.startWorkflow(agentPlan, { workflowID: childRun })({ runId, plan: { name: step.agent, steps: step.plan.steps }, child: { childRun, agentStep: step.id } });
          return agentResult(await handle.getResult());
        },
      });
    },
    { name: WORKFLOW_NAME },
  );
  return agentPlan;
}
