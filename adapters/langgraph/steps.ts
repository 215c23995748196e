import type { RetryPolicy } from '@langchain/langgraph';
import { callEffect, type LedgerAddress } from '../../harness/kit.js';
import type { ApprovalStep, LlmStep, ToolStep } from '../../harness/plan/index.js';

// What each node (or task) does at the outside world. One call per attempt: retrying
// is LangGraph's job, through the node's RetryPolicy, as its docs teach.

/** How long one call may take before it counts as failed (a client timeout). */
const CALL_TIMEOUT_MS = 1000;

/**
 * The retry policy on every node that calls out. LangGraph retries nothing unless a
 * policy is set; its default is 3 attempts with 0.5 s doubling plus up to 1 s of
 * jitter. An agent app that talks to flaky APIs sets more attempts and shorter waits;
 * jitter is off so that a seed replays the same timings.
 */
export const RETRY: RetryPolicy = { maxAttempts: 5, initialInterval: 100, backoffFactor: 2, maxInterval: 1000, jitter: false, logWarning: false };

/**
 * An llm or tool call. No idempotency key: LangGraph's docs and its prebuilt ToolNode
 * pass none, and the checkpointer records a node's result only after the node returns.
 */
export function callStep(ledger: LedgerAddress, who: Caller, step: LlmStep | ToolStep): Promise<string> {
  return callEffect(
    ledger,
    { ...who, stepId: step.id, kind: step.kind, ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }) },
    CALL_TIMEOUT_MS,
  );
}

/** The notification a real agent sends a human before it waits (a chat message, an email). */
export async function requestApproval(ledger: LedgerAddress, who: Caller, step: ApprovalStep): Promise<void> {
  await callEffect(ledger, { ...who, stepId: step.id, kind: 'approval-request' }, CALL_TIMEOUT_MS);
}

/** A child agent's first act: it tells the world it started (decision 0044), like any call, with no key. */
export async function announceChild(ledger: LedgerAddress, who: Required<Caller>, agentStep: string): Promise<void> {
  await callEffect(ledger, { ...who, stepId: agentStep, kind: 'agent-start' }, CALL_TIMEOUT_MS);
}

/** Who makes a call, as the ledger files it: the started run, and the child run if a subgraph makes it. */
export interface Caller {
  runId: string;
  childRun?: string;
}

/** What the graph hands the application when it waits for a human: in the interrupt's value. */
export interface ApprovalWait {
  step: string;
  /** Epoch ms after which the application resumes the run with 'timed-out'. */
  deadline: number;
}

/** The value an approval is resumed with: a human's answer, or the application's timeout. */
export type Answer = 'approve' | 'reject' | 'timed-out';

export const toDecision = (a: Answer) => (a === 'approve' ? 'approved' : a === 'reject' ? 'rejected' : 'timed-out');
