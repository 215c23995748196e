import nodeModule from 'node:module';
import { BUSY_MARKER, IDLE_MARKER, READY_MARKER } from './adapter.js';
import { callEffect, EffectCallError, type LedgerAddress } from './ledger/client.js';
import type { EffectRequest } from './ledger/events.js';
import { CLIENT_TIMEOUT_MS } from './timing.js';

// Small helpers every worker process uses; the durable logic stays in each runtime.

/** Tell the harness this worker can take work; `payload` reaches CaseRuntime.workerStarted. */
export function announceReady(payload = ''): void {
  // Write what Node compiled so far to its compile cache now (decision 0051): a worker
  // usually ends by SIGKILL, and Node writes the cache only on a clean exit.
  (nodeModule as { flushCompileCache?: () => void }).flushCompileCache?.();
  process.stdout.write(`${READY_MARKER} ${payload}\n`);
}

/** How often an idle worker says so again: the harness trusts only a look taken after its own last action. */
const IDLE_REPEAT_MS = 20;
let last: { idle: boolean; at: number } | undefined;

/**
 * Tell the harness whether this worker has work in hand (a run it executes, a call it
 * retries, a timer of a run), right after it looked for work; `lookedAt` is when that
 * look began (Date.now()). The harness judges a case as soon as every worker said it
 * was idle in a look that began after the harness last gave the runtime anything (a
 * start, an approval, a restart) and the ledger has no open request, instead of
 * waiting for a quiet period (decision 0050). So: say `false` before the first effect
 * of new work, and `true` only when nothing can follow. A worker that never calls
 * this is waited out as before.
 */
export function announceIdle(idle: boolean, lookedAt = Date.now()): void {
  if (last && last.idle === idle && (!idle || lookedAt - last.at < IDLE_REPEAT_MS)) return;
  last = { idle, at: lookedAt };
  // A write to a pipe is synchronous on Linux: the line is out before the worker goes on.
  process.stdout.write(`${idle ? IDLE_MARKER : BUSY_MARKER} ${lookedAt}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry a call to the outside world with capped exponential backoff, as a runtime's retry policy would. */
export async function callWithRetry(
  ledger: LedgerAddress,
  req: EffectRequest,
  opts: {
    maxAttempts?: number;
    firstDelayMs?: number;
    maxDelayMs?: number;
    timeoutMs?: number;
    /** Asked before each attempt (1 the first). */
    beforeAttempt?: (attempt: number) => void;
    /** Wraps each attempt (a span per attempt, say); `call` takes the headers to send with it. */
    aroundAttempt?: (call: (headers: Record<string, string>) => Promise<string>) => Promise<string>;
  } = {},
): Promise<string> {
  const { maxAttempts = Infinity, firstDelayMs = 20, maxDelayMs = 250, timeoutMs = CLIENT_TIMEOUT_MS } = opts;
  for (let attempt = 1; ; attempt++) {
    // A throw here (the caller no longer may act, say) ends the retries.
    opts.beforeAttempt?.(attempt);
    try {
      const call = (headers: Record<string, string> = {}) => callEffect(ledger, req, timeoutMs, headers);
      return await (opts.aroundAttempt ? opts.aroundAttempt(call) : call());
    } catch (err) {
      const retryable = err instanceof EffectCallError && err.retryable;
      if (!retryable || attempt >= maxAttempts) throw err;
      await sleep(Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/** Exit quietly on SIGTERM: the harness's graceful stop. */
export function exitOnTerm(): void {
  process.on('SIGTERM', () => process.exit(0));
}
