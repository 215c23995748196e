import { precedingEffect } from './anchors.js';
import type { Plan } from '../plan/schema.js';
import { INTO_WAIT_MS, RECORD_GRACE_MS } from '../timing.js';
import { findApproval, findSleep, sleep } from './common.js';
import type { Draw } from './draw.js';
import type { Moments } from './package.js';
import type { InjectPorts } from './ports.js';

// Process faults that land inside a timer: into an approval wait, or into a sleep.

/**
 * How far into an approval wait a process fault lands: drawn from INTO_WAIT_MS, and
 * no later than leaves the human's answer (`humanAfterMs` after the fault) before half
 * the approval's timeout, unless that would be below the window (then its min).
 */
export function drawIntoWait(rng: Draw, plan: Plan, step: string, humanAfterMs: number): number {
  const timeout = findApproval(plan, step).timeoutMs;
  return rng.int({ min: INTO_WAIT_MS.min, max: Math.min(INTO_WAIT_MS.max, timeout / 2 - humanAfterMs) });
}

/**
 * How far into a sleep a process fault lands: drawn between the fractions `from` and
 * `to` of its length, and not before RECORD_GRACE_MS into it unless that is past its
 * middle (then its middle), so a correct runtime has recorded the timer.
 */
export function drawIntoSleep(rng: Draw, plan: Plan, step: string, window: { from: number; to: number }): number {
  const ms = findSleep(plan, step).ms;
  const min = Math.min(ms / 2, Math.max(ms * window.from, RECORD_GRACE_MS));
  return rng.int({ min, max: Math.max(min, ms * window.to) });
}

/** Fire `moments.intoWaitMs` into the wait for an approval, or `moments.intoSleepMs` into a sleep. */
export function atTimer(at: 'waiting' | 'sleeping', stepId: string, moments: Moments, p: InjectPorts, fire: (where: string) => Promise<void>): void {
  if (at === 'waiting') {
    p.track(
      p.ledger.waitFor((e) => e.stepId === stepId && e.kind === 'approval-request').then(async () => {
        await sleep(moments.intoWaitMs);
        await fire(`${moments.intoWaitMs} ms into the wait for ${stepId}`);
      }),
    );
    return;
  }
  // The sleep begins when the effect before it is answered, or when the run starts.
  const before = precedingEffect(p.plan, stepId);
  const begun = before ? p.ledger.waitFor((e) => e.stepId === before && (e.outcome === 'applied' || e.outcome === 'deduplicated')).then((e) => e.finishedAt) : p.runStarted;
  p.track(
    begun.then(async (startedAt) => {
      await sleep(Math.max(0, startedAt + moments.intoSleepMs - Date.now()));
      await fire(`${moments.intoSleepMs} ms into ${stepId}`);
    }),
  );
}
