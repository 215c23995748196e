import type { TraceParent } from '../traces/span.js';

/** What an interpreter sends the effect ledger for one llm or tool step. */
export interface EffectRequest {
  runId: string;
  stepId: string;
  kind: 'llm' | 'tool' | 'approval-request';
  tool?: string;
  mode?: 'read' | 'write';
  tokens?: number;
  idempotencyKey?: string;
  /** The runtime's own attempt counter, where it has one (a Temporal activity attempt). */
  runtimeAttempt?: number;
  pid?: number;
}

/**
 * - applied: the effect took place and its answer reached the caller
 * - deduplicated: a repeat of an idempotency key; nothing new happened, same answer
 * - failed: the effect did not take place (injected error, timeout, caller gone first)
 * - response-lost: the effect took place but the caller never got the answer
 * - refused: the request lacked the run's secret token
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
}

/** Did the outside world change because of this event? */
export const tookEffect = (e: LedgerEvent) => e.outcome === 'applied' || e.outcome === 'response-lost';
