import { tookEffect } from '../ledger/events.js';
import { runsOf, type CaseHistory } from '../history.js';
import { describeAttempt, eventsFor } from './observe.js';
import type { Evidence } from './verdict.js';

/**
 * This run's request for a step that the outside world deduplicated against a key
 * another run's request took effect with: the key is not scoped to its run (built from
 * the step id alone), so this run's effect never happened, or its human was never
 * asked, and it was handed the other run's answer (docs/decisions/0038).
 */
export function keyOfAnotherRun(history: CaseHistory, stepId: string): Evidence | undefined {
  for (const e of eventsFor(history, stepId)) {
    if (e.outcome !== 'deduplicated' || !e.idempotencyKey) continue;
    const owner = history.effects.find((x) => x.runId !== history.runId && x.idempotencyKey === e.idempotencyKey && tookEffect(x));
    if (!owner) continue;
    const n = runsOf(history).indexOf(owner.runId);
    const other = n >= 0 ? `run ${n + 1}` : `run "${owner.runId}"`;
    return {
      step: stepId,
      attempts: [e.attempt],
      message: `${stepId} (${describeAttempt(history, e)}) was deduplicated against ${other}'s request (#${owner.attempt} pid ${owner.pid ?? '?'}): both carried idempotency key "${e.idempotencyKey}", which is not scoped to its run`,
    };
  }
  return undefined;
}
