import type { Ledger } from '../ledger/server.js';
import { SETTLE_MAX_MS, SETTLE_QUIET_MS } from '../timing.js';
import type { WorkerSlot } from './workers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How often the case looks again while a worker is busy or a request open. */
const LOOK_EVERY_MS = 5;

/**
 * Wait until nothing can add to the case's record, then return: the case is judged.
 * Called once every run has its result and nothing the harness scheduled is pending.
 * Causal where the workers say when they are idle (decision 0050): every worker has
 * exited or said it was idle after the harness's last action, the ledger has no open
 * request, and then the runtime's own `actsAloneMs` of quiet (its server's timers and
 * retries). Otherwise as before: SETTLE_QUIET_MS of quiet. Never more than SETTLE_MAX_MS.
 */
export async function awaitQuiescence(ledger: Pick<Ledger, 'openRequests' | 'quiet'>, workers: Pick<WorkerSlot, 'allIdle'>, actsAloneMs = SETTLE_QUIET_MS): Promise<void> {
  const until = Date.now() + SETTLE_MAX_MS;
  for (;;) {
    const idle = workers.allIdle();
    if (idle === 'unknown') return ledger.quiet(Math.max(SETTLE_QUIET_MS, actsAloneMs), until - Date.now());
    if (idle && ledger.openRequests() === 0) break;
    if (Date.now() >= until) return;
    await sleep(LOOK_EVERY_MS);
  }
  if (actsAloneMs > 0) await ledger.quiet(actsAloneMs, until - Date.now());
}

/** Every worker of the case idle, the child runs' own worker too when there is one (decision 0110). */
export function bothIdle(workers: Pick<WorkerSlot, 'allIdle'>, children?: Pick<WorkerSlot, 'allIdle'>): Pick<WorkerSlot, 'allIdle'> {
  if (!children) return workers;
  return {
    allIdle() {
      const [a, b] = [workers.allIdle(), children.allIdle()];
      return a === 'unknown' || b === 'unknown' ? 'unknown' : a && b;
    },
  };
}
