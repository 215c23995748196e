import nodeModule from 'node:module';
import { BUSY_MARKER, IDLE_MARKER, LOADED_MARKER, READY_MARKER, SPARE_TRACES_ENV, WAIT_FOR_CASE_ENV } from './adapter.js';
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

/** The case a spare worker is handed (docs/protocol.md, "Warm spares"). */
export interface CaseHandOver {
  env: Record<string, string>;
  cwd: string;
  args: string[];
}

/**
 * Whether this process was started as a warm spare, before its case (then load what
 * you can before waitForCase), and whether its case will likely judge traces (then
 * load your tracing SDK too; start it only if the case gives OTEL_*).
 */
export function spareHints(): { spare: boolean; traces: boolean } {
  const spare = process.env[WAIT_FOR_CASE_ENV] === '1';
  return { spare, traces: spare && process.env[SPARE_TRACES_ENV] === '1' };
}

/**
 * A worker's case arguments. Started for its case (the usual way): its own argv. Started
 * as a warm spare (WorkerSpec.waitsForCase, AGENTCHECK_WAIT_FOR_CASE=1): call this once
 * the code is loaded; it prints `agentcheck:loaded`, waits for the case on stdin, puts
 * the case's variables into process.env, moves into the case's folder and returns the
 * case's args. Anything that reads the environment must run after it.
 */
export async function waitForCase(): Promise<string[]> {
  if (process.env[WAIT_FOR_CASE_ENV] !== '1') return process.argv.slice(2);
  (nodeModule as { flushCompileCache?: () => void }).flushCompileCache?.();
  process.stdout.write(`${LOADED_MARKER}\n`);
  const line = await firstStdinLine();
  // No case: the harness closed the pipe (end of the run, or the harness died). Nothing to do.
  if (line === undefined) process.exit(0);
  const handed = JSON.parse(line) as CaseHandOver;
  delete process.env[WAIT_FOR_CASE_ENV];
  Object.assign(process.env, handed.env);
  process.chdir(handed.cwd);
  return handed.args;
}

function firstStdinLine(): Promise<string | undefined> {
  return new Promise((resolve) => {
    let got = '';
    const onData = (chunk: Buffer) => {
      got += chunk.toString('utf8');
      const end = got.indexOf('\n');
      if (end < 0) return;
      process.stdin.off('data', onData).off('end', onEnd).pause();
      // The pipe stays open (the harness keeps its end) but no longer keeps this process alive.
      (process.stdin as unknown as { unref?: () => void }).unref?.();
      resolve(got.slice(0, end));
    };
    const onEnd = () => resolve(undefined);
    process.stdin.on('data', onData).on('end', onEnd);
  });
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
