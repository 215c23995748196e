import type { LedgerPort } from '../faults/ports.js';
import { EARLY_ANSWER_HOLD_MAX_MS } from '../timing.js';

// An early answer (approve-early) is only early if it reaches the runtime before the
// run waits. Delivered "right after the run starts", it raced the run to its wait: a
// run whose first step is the approval often got there first, the answer was an
// ordinary one, and a runtime that drops early answers passed (a replayed minimal case
// then did not reproduce). The run announces its wait by asking the outside world for
// the approval (its approval-request), so holding that request until the delivery came
// back puts the answer before the wait on any machine (decision 0082).

/**
 * Hold this run's first request for the approval at `step` until `until` settles, at
 * most EARLY_ANSWER_HOLD_MAX_MS: a delivery that hangs must not stall the run.
 */
export function holdApprovalRequest(ledger: Pick<LedgerPort, 'intercept'>, runId: string, step: string, until: Promise<unknown>): void {
  let held = false;
  const released = Promise.race([until.catch(() => undefined), new Promise((r) => setTimeout(r, EARLY_ANSWER_HOLD_MAX_MS).unref())]).then(() => undefined);
  ledger.intercept((req) => {
    if (held || req.kind !== 'approval-request' || req.runId !== runId || req.stepId !== step) return undefined;
    held = true;
    return { apply: true, reply: 'ok', hold: () => released };
  });
}
