// The activities: the only code that talks to the outside world (the effect ledger).
// Temporal runs an activity at least once: a retry after a crash or a lost answer
// calls the API again, and only an idempotency key makes that safe for a write.
import { ApplicationFailure, Context, type Info } from '@temporalio/activity';
import { traceHeaders } from '../../harness/traces/call-context.js';
import { callEffect, EffectCallError, type EffectRequest, type LedgerAddress } from '../../harness/kit.js';
import type { EffectInput } from './contract.js';
import { CALL_TIMEOUT_MS, HEARTBEAT_EVERY_MS } from './settings.js';

/** How an interpreter derives the idempotency key of a write from the activity's identity, if it sends one. */
export type KeyRecipe = (info: Info) => string | undefined;

/**
 * Temporal's documented recipe: "a combination of the Workflow Run ID and the Activity
 * ID ... is guaranteed to be consistent across retry attempts but unique among
 * Workflow Executions" (docs.temporal.io/activity-definition#idempotency).
 */
export const runAndActivityId: KeyRecipe = (info) => `${info.workflowExecution?.runId ?? info.workflowExecution?.workflowId}/${info.activityId}`;

export type Activities = ReturnType<typeof createActivities>;

export function createActivities(ledger: LedgerAddress, keyFor: KeyRecipe) {
  /** One call, heartbeating while in flight so the server notices a dead worker within the heartbeat timeout. */
  const call = async (req: Omit<EffectRequest, 'runtimeAttempt' | 'idempotencyKey'>, keyed: boolean): Promise<string> => {
    const ctx = Context.current();
    const key = keyed ? keyFor(ctx.info) : undefined;
    ctx.heartbeat();
    // The active span is the activity interceptor's span of this attempt.
    const headers = traceHeaders(req);
    const beat = setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
    try {
      return await callEffect(ledger, { ...req, runtimeAttempt: ctx.info.attempt, ...(key ? { idempotencyKey: key } : {}) }, CALL_TIMEOUT_MS, headers);
    } catch (err) {
      // A 4xx will not get better by retrying: tell Temporal not to.
      if (err instanceof EffectCallError && !err.retryable) throw ApplicationFailure.nonRetryable(err.message, 'EffectRejected');
      throw err;
    } finally {
      clearInterval(beat);
    }
  };
  return {
    async effect(input: EffectInput): Promise<string> {
      return call(input, input.kind === 'tool' && input.mode === 'write');
    },
    /** Notify the approver (a message to a human is a write too, so it carries a key); returns when the request went out. */
    /** A child workflow's first act: tell the outside world it started (keyed, like any message). */
    async announceStart(input: { runId: string; stepId: string; childRun: string }): Promise<void> {
      await call({ ...input, kind: 'agent-start' }, true);
    },
    async requestApproval(input: { runId: string; stepId: string }): Promise<{ requestedAt: number }> {
      await call({ ...input, kind: 'approval-request' }, true);
      return { requestedAt: Date.now() };
    },
  };
}
