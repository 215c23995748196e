import type { TraceParent } from '../traces/span.js';

/** What an interpreter sends the effect ledger for one llm or tool step. */
export interface EffectRequest {
  /** The run the harness started; a child run's calls name it too, with `childRun`. */
  runId: string;
  stepId: string;
  /** `agent-start`: a child run's first act, naming its agent step (stepId) and itself (childRun). */
  kind: 'llm' | 'tool' | 'approval-request' | 'agent-start';
  /** The runtime's id of the child run making this call; absent for the started run's own calls (decision 0044). */
  childRun?: string;
  tool?: string;
  mode?: 'read' | 'write';
  tokens?: number;
  idempotencyKey?: string;
  /** The runtime's own attempt counter, where it has one (a Temporal activity attempt). */
  runtimeAttempt?: number;
  pid?: number;
  /** A call an unmodified agent made through the interceptor (docs/your-agent.md). */
  call?: AgentCall;
  /** The kit's id for this one attempt, so that its caller can later say it gave up on it (abandonedAt). */
  callId?: string;
}

/** What the world saw of one intercepted call: enough to name it in a fault and in evidence. */
export interface AgentCall {
  /** "POST api.stripe.com/v1/refunds", or "chat.completions" for the scripted model. */
  label: string;
  host: string;
  method: string;
  path: string;
  /** The nth call with this label in the case, 1 for the first. */
  nth?: number;
  bodyDigest: string;
  /** Whether the host's identity header carried the run's principal. */
  identity?: 'run' | 'missing' | 'other';
}

/**
 * - applied: the effect took place and its answer reached the caller
 * - deduplicated: a repeat of an idempotency key; nothing new happened, same answer
 * - failed: the effect did not take place (injected error, timeout, caller gone first)
 * - response-lost: the effect took place but the caller never got the answer
 * - refused: the request lacked the run's secret token, or a policy the ledger enforces
 *   refused it (its reason starts with "policy ": harness/policy/rules.ts)
 */
export type Outcome = 'applied' | 'deduplicated' | 'failed' | 'response-lost' | 'refused';

export interface LedgerEvent extends EffectRequest {
  seq: number;
  /** The ledger's count of requests for this run and step, 1 for the first. */
  attempt: number;
  outcome: Outcome;
  reason?: string;
  /** When the request arrived (ms since the epoch). */
  receivedAt: number;
  /** Just before the answer was written (or the connection dropped): the caller cannot have had it sooner. */
  finishedAt: number;
  /** The span that made the request, from its W3C `traceparent` header; absent when it carried none. */
  trace?: TraceParent;
  /**
   * When the caller told the ledger it gave up on this attempt without reading its
   * answer (its timeout fired first, say on a starved or just-thawed event loop): the
   * answer was written to an open socket but reached no one (decision 0054).
   */
  abandonedAt?: number;
  /**
   * A call the world held without answering (an agent's `hang` fault): until its caller
   * gave up (the socket closed: a client timeout, a crash) or until the case ended, and
   * for how long. Its outcome says whether the write took effect first (response-lost) or
   * not (failed).
   */
  hung?: { until: 'caller-gave-up' | 'case-ended'; heldMs: number };
  /**
   * The call's idempotency key was first used by call #N of the same host with another
   * request (route or body): the service refused it (Stripe: 400 `idempotency_error`) and
   * nothing happened (outcome failed), or, on a host with `reusedKey: 'first-answer'`,
   * answered it with #N's answer and nothing happened (outcome deduplicated; decision 0109).
   * 0 when that call had no number.
   */
  keyReusedFrom?: number;
  /**
   * The call's idempotency key was held by call #N of the same host, received and still in
   * progress: the service refused it (Stripe: 409 `idempotency_error`, code
   * `idempotency_key_in_use`) and nothing happened (outcome failed; decision 0103).
   */
  keyInUseBy?: number;
}

/** Did the outside world change because of this event? */
export const tookEffect = (e: LedgerEvent) => e.outcome === 'applied' || e.outcome === 'response-lost';
