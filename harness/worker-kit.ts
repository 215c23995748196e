import { READY_MARKER } from './adapter.js';
import { callEffect, EffectCallError, type LedgerAddress } from './ledger/client.js';
import type { EffectRequest } from './ledger/events.js';
import { CLIENT_TIMEOUT_MS } from './timing.js';

// Small helpers every worker process uses; the durable logic stays in each runtime.

/** Tell the harness this worker can take work; `payload` reaches CaseRuntime.workerStarted. */
export function announceReady(payload = ''): void {
  process.stdout.write(`${READY_MARKER} ${payload}\n`);
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
    beforeAttempt?: () => void;
    /** Wraps each attempt (a span per attempt, say); `call` takes the headers to send with it. */
    aroundAttempt?: (call: (headers: Record<string, string>) => Promise<string>) => Promise<string>;
  } = {},
): Promise<string> {
  const { maxAttempts = Infinity, firstDelayMs = 20, maxDelayMs = 250, timeoutMs = CLIENT_TIMEOUT_MS } = opts;
  for (let attempt = 1; ; attempt++) {
    // A throw here (the caller no longer may act, say) ends the retries.
    opts.beforeAttempt?.();
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
