import { tookEffect, type LedgerEvent } from '../ledger/events.js';
import type { CaseHistory } from '../history.js';
import { answered, describeAttempt, eventsFor, ranFor } from './observe.js';
import { RECORD_GRACE_MS } from '../timing.js';
import type { Evidence } from './verdict.js';

/**
 * An approval request is a message a person receives: asking again after the runtime
 * had recorded that it asked (the request answered, its worker alive 250 ms after)
 * reaches the person twice. A repeat with the same idempotency key is deduplicated by
 * the outside world and harms nobody; a repeat cut off before it was recorded is a
 * legitimate retry (docs/decisions/0031-approval-requests-are-effects.md).
 */
export function repeatedRequest(history: CaseHistory, stepId: string): Evidence | undefined {
  const requests = eventsFor(history, stepId).filter((e) => e.kind === 'approval-request');
  const recordedAt = (e: LedgerEvent) => (answered(e) ? ranFor(history, e.pid, e.finishedAt, RECORD_GRACE_MS).at : undefined);
  const first = requests
    .map((e) => ({ e, at: recordedAt(e) }))
    .filter((x): x is { e: LedgerEvent; at: number } => x.at !== undefined)
    .sort((a, b) => a.at - b.at)[0];
  if (!first) return undefined;
  const again = requests.filter((e) => e !== first.e && e.receivedAt > first.e.finishedAt && tookEffect(e));
  if (again.length === 0) return undefined;
  return {
    step: stepId,
    attempts: [first.e.attempt, ...again.map((e) => e.attempt)],
    message: `the human was asked for ${stepId} ${again.length + 1} times: ${[first.e, ...again].map((e) => describeAttempt(history, e)).join(', ')}`,
  };
}
