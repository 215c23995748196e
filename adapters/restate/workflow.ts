import * as restate from '@restatedev/restate-sdk';
import { callEffect, EffectCallError, traceHeaders, type EffectRequest, type LedgerAddress } from '../../harness/kit.js';
import { agentResult, type ApprovalStep, childRunId, type Decision, executePlan, isEffectStep, type LlmStep, type Plan, type Primitives, type RunOutput, type ToolStep } from '../../harness/plan/index.js';

// The agent as Restate's docs say to write one: a workflow keyed by the run id, every
// model and tool call inside ctx.run (journaled, re-run only if it never finished),
// approvals as the workflow's durable promises raced against a durable timer, sleeps
// with ctx.sleep; an agent step is a durable workflow-to-workflow call under a key
// derived from the parent's, to the children's workflow where the case has one (the
// same code under another name, on a deployment of its own: decision 0118), else to
// this same workflow. Retrying a failed call is left to
// Restate, as a user would leave it.

/** What a run handler gets: the plan, and for a child run (an agent step) where it came from. */
export type RunInput = Plan & { child?: ChildOf };
/** A child run's place: the run the harness started (the ledger's run) and its parent's agent step. */
export interface ChildOf {
  root: string;
  agentStep: string;
}

/** The ledger's run for a call from this workflow: the started run's id, with the child's key beside it for a child. */
const onLedger = (ctx: restate.WorkflowContext, child?: ChildOf) => (child ? { runId: child.root, childRun: ctx.key } : { runId: ctx.key });

/** What a human sends: approve or reject one approval step. */
export interface ApprovalInput {
  step: string;
  decision: 'approve' | 'reject';
}

/** The journal name of the ctx.run that asks for an approval (the Slack message, say). */
export const askName = (stepId: string) => `ask:${stepId}`;
/** The journal name of an approval's timer. */
export const timeoutName = (stepId: string) => `${stepId}:timeout`;

/** How long one call to a tool or model may take before it counts as failed and Restate retries it. */
const CALL_TIMEOUT_MS = 5000;

/** One call to the outside world; a refusal (4xx) is final, anything else Restate retries. */
export async function callOutside(ledger: LedgerAddress, req: EffectRequest): Promise<string> {
  try {
    // The active span is the SDK hook's span of this ctx.run.
    return await callEffect(ledger, req, CALL_TIMEOUT_MS, traceHeaders(req));
  } catch (err) {
    if (err instanceof EffectCallError && !err.retryable) throw new restate.TerminalError(err.message);
    throw err;
  }
}

export function effectRequest(ctx: restate.WorkflowContext, step: LlmStep | ToolStep, child?: ChildOf): EffectRequest {
  return {
    ...onLedger(ctx, child),
    stepId: step.id,
    kind: step.kind,
    ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }),
    // Stable across retries and replays of this invocation: a re-run write is deduplicated by the API.
    ...(step.kind === 'tool' && step.mode === 'write' ? { idempotencyKey: `${ctx.request().id}/${step.id}` } : {}),
  };
}

/**
 * Parallel steps through Restate's own combinator. Awaiting several ctx.run promises
 * at once with Promise.all fails on replay with "awaitNext already pending"
 * (restatedev/sdk-typescript#743, still seen with SDK 1.17.2), so branches of one call
 * each run at once under RestatePromise.all, as Restate's docs show; longer branches,
 * which its combinators cannot compose, run one after another (a valid order for a
 * parallel step). docs/decisions/0009-restate-parallel-steps.md says more.
 */
export function parallelPrimitive(effect: Primitives['effect']): NonNullable<Primitives['parallel']> {
  return async (branches, run) => {
    const singles = branches.map((b) => (b.length === 1 && isEffectStep(b[0]) ? b[0] : undefined));
    if (!singles.every((s) => s !== undefined)) {
      for (const branch of branches) await run.branch(branch);
      return;
    }
    const calls = singles.map((s) => effect(s!));
    const values = calls.every((c) => restate.isRestatePromise(c)) ? await restate.RestatePromise.all(calls as restate.RestatePromise<string>[]) : await Promise.all(calls);
    singles.forEach((s, i) => run.record(s!.id, values[i] as string));
  };
}

/** Approval and sleep the Restate way; shared by every interpreter variant. */
export function waitPrimitives(ctx: restate.WorkflowContext, ledger: LedgerAddress, child?: ChildOf): Pick<Primitives, 'approval' | 'sleep'> {
  return {
    approval: async (step: ApprovalStep): Promise<Decision> => {
      // The deadline is fixed when the request was answered and journaled with it, so a
      // replay sleeps only what is left. Restate's timer itself starts when its Sleep command
      // reaches the server: a worker killed in the few ms before that (after ctx.date.now()
      // was journaled) restarts the wait on replay. docs/adapters/restate.md shows it.
      const deadline = await ctx.run(askName(step.id), async () => {
        // A child's request names the run the harness started, as its effects do: the human is that run's (decision 0112).
        await callOutside(ledger, { ...onLedger(ctx, child), stepId: step.id, kind: 'approval-request', idempotencyKey: `${ctx.request().id}/${step.id}/ask` });
        return Date.now() + step.timeoutMs;
      });
      const now = await ctx.date.now();
      // The durable promise raced against a durable timer: a decision that comes after the
      // timer won resolves the promise, but nobody reads it any more.
      const decision = ctx.promise<ApprovalInput['decision']>(step.id).get().map((d): Decision => (d === 'approve' ? 'approved' : 'rejected'));
      const timeout = ctx.sleep(Math.max(0, deadline - now), timeoutName(step.id)).map((): Decision => 'timed-out');
      return restate.RestatePromise.race([decision, timeout]);
    },
    sleep: async (step) => {
      await ctx.sleep(step.ms, step.id);
    },
  };
}

/** The correct interpreter: each model and tool call is a journaled ctx.run step. */
export function journaledPrimitives(ctx: restate.WorkflowContext, ledger: LedgerAddress, child?: ChildOf): Primitives {
  const effect: Primitives['effect'] = (step) => ctx.run(step.id, () => callOutside(ledger, effectRequest(ctx, step, child)));
  return { effect, parallel: parallelPrimitive(effect), ...waitPrimitives(ctx, ledger, child) };
}

export type PrimitivesFor = (ctx: restate.WorkflowContext, ledger: LedgerAddress, child?: ChildOf) => Primitives;

/** The agent workflow: `run` executes a plan; `decide` is how a human answers an approval. */
export function agentWorkflow(name: string, ledger: LedgerAddress, primitivesFor: PrimitivesFor, hooks: restate.HooksProvider[] = [], childService = name) {
  return restate.workflow({
    name,
    options: { hooks },
    handlers: {
      run: async (ctx: restate.WorkflowContext, input: RunInput): Promise<RunOutput> => {
        const { child } = input;
        // A child's first act, journaled: tell the outside world it started.
        if (child) await ctx.run(child.agentStep, () => callOutside(ledger, { ...onLedger(ctx, child), stepId: child.agentStep, kind: 'agent-start', idempotencyKey: `${ctx.request().id}/${child.agentStep}` }));
        return executePlan(input, {
          ...primitivesFor(ctx, ledger, child),
          // A durable call to the children's workflow under a key derived from this one's:
          // the call is in this run's journal, so a replay waits for the same child.
          agent: async (step) => {
            const childInput: RunInput = { name: step.agent, steps: step.plan.steps, child: { root: child?.root ?? ctx.key, agentStep: step.id } };
            const output = await ctx.workflowClient<{ run: (ctx: restate.WorkflowContext, input: RunInput) => Promise<RunOutput> }>({ name: childService }, childRunId(ctx.key, step)).run(childInput);
            return agentResult(output);
          },
        });
      },
      decide: async (ctx: restate.WorkflowSharedContext, input: ApprovalInput): Promise<{ accepted: boolean }> => {
        // A durable promise resolves once: a second decision (a double click, a redelivery)
        // is refused by Restate, and the human is told it changed nothing.
        try {
          await ctx.promise<ApprovalInput['decision']>(input.step).resolve(input.decision);
          return { accepted: true };
        } catch (err) {
          if (err instanceof restate.TerminalError) return { accepted: false };
          throw err;
        }
      },
    },
  });
}
