import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isCommandWorker, type Adapter, type CaseRuntime, type CommandWorker, type WorkerSpec } from '../adapter.js';
import { spawnWorker, writePlanFile } from '../case/workers.js';
import { WorkerProtocolError } from '../errors.js';
import { responseFor } from '../ledger/response.js';
import { startLedger } from '../ledger/server.js';
import { Plan } from '../plan/schema.js';
import { bounded } from '../process/bounded.js';
import type { ManagedProcess } from '../process/supervisor.js';
import { ADAPTER_CALL_LIMITS_MS } from '../timing.js';

// The worker protocol check (docs/protocol.md, decision 0048): before the first case's
// worker starts, a worker given as a command (any language) must start, print its
// ready line, reach the ledger with the run's token and complete a trivial plan. A
// worker that does not stops the run with one line saying which part of the protocol
// it broke, instead of every case ending undecided.

/**
 * The check, once per run, run when the first case's worker turns out to be a command
 * (Node script workers are not checked, and their adapters are not opened once more).
 * Every case awaits the same check before starting its workers.
 */
export function protocolCheckOnce(adapter: Adapter, outDir: string, signal?: AbortSignal): (worker: WorkerSpec) => Promise<void> {
  let check: Promise<unknown> | undefined;
  return async (worker) => {
    if (!isCommandWorker(worker)) return;
    check ??= checkWorkerProtocol(adapter, outDir, signal);
    await check;
  };
}

/** One model call and one read tool: both kinds of ledger request, no fault, no human. */
export const TRIVIAL_PLAN: Plan = Plan.parse({
  name: 'protocol-check',
  steps: [
    { kind: 'llm', id: 'protocol-think', tokens: 1 },
    { kind: 'tool', id: 'protocol-lookup', tool: 'protocol.lookup', mode: 'read' },
  ],
});

const EXPECTED = {
  results: { 'protocol-lookup': responseFor('protocol-lookup', 'protocol.lookup'), 'protocol-think': responseFor('protocol-think') },
  decisions: {},
};

/** How long the trivial plan may take once the worker is ready. */
const TRIVIAL_PLAN_LIMIT_MS = 30_000;
const SALT = '00000000c0ffee';

export interface ProtocolCheck {
  /** Did the check run (the adapter's workers are commands) or was there nothing to check (Node scripts)? */
  checked: boolean;
  /** Milliseconds from spawn to the ready line, when checked. */
  readyMs?: number;
}

/**
 * Open a case with the trivial plan; if its worker is a command, run the protocol
 * check on it. Throws WorkerProtocolError (exit 2) with one line when the worker breaks
 * the protocol. Everything it started is stopped before it returns.
 */
export async function checkWorkerProtocol(adapter: Adapter, outDir: string, signal?: AbortSignal): Promise<ProtocolCheck> {
  const dir = join(outDir, 'protocol-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writePlanFile(dir, TRIVIAL_PLAN);
  const ledger = await startLedger({ file: join(dir, 'effects.jsonl') });
  let rt: CaseRuntime | undefined;
  let worker: ManagedProcess | undefined;
  try {
    rt = await bounded(
      adapter.openCase({ caseId: 'protocol-check', dir, ledger: { url: ledger.url, token: ledger.token }, plan: TRIVIAL_PLAN, faults: [], salt: SALT }),
      'openCase()',
      { limitMs: ADAPTER_CALL_LIMITS_MS.openCase, ...(signal ? { signal } : {}) },
    );
    if (!isCommandWorker(rt.worker)) return { checked: false };
    const spec = rt.worker;
    const fail = (what: string) => new WorkerProtocolError(`worker protocol: ${commandLine(spec)} ${what}; see docs/protocol.md and ${join(dir, 'worker-1.log')}`);

    const spawnedAt = Date.now();
    let ready: string;
    try {
      ({ process: worker, ready } = await spawnWorker(spec, 'worker 1', ledger, dir, SALT, join(dir, 'worker-1.log')));
    } catch (err) {
      throw fail(notReady((err as Error).message, spec.readyTimeoutMs ?? ADAPTER_CALL_LIMITS_MS.workerStarted));
    }
    const readyMs = Date.now() - spawnedAt;
    if (rt.workerStarted) {
      try {
        await bounded(rt.workerStarted(ready), 'workerStarted()', { limitMs: ADAPTER_CALL_LIMITS_MS.workerStarted });
      } catch (err) {
        throw fail(`printed a ready line the adapter did not accept ("${ready.slice(0, 80)}": ${firstLine(err)})`);
      }
    }
    const runId = `protocol-check-${SALT}`;
    const deadline = AbortSignal.any([AbortSignal.timeout(TRIVIAL_PLAN_LIMIT_MS), ...(signal ? [signal] : [])]);
    let outcome: string | undefined;
    try {
      await bounded(rt.startRun(runId), 'startRun()', { limitMs: TRIVIAL_PLAN_LIMIT_MS });
      const result = await bounded(rt.awaitResult(runId, deadline), 'awaitResult()', { signal: deadline, graceMs: 1000 });
      if (result.status === 'failed') outcome = `failed the trivial plan: ${result.error}`;
      else if (JSON.stringify(result.output) !== JSON.stringify(EXPECTED)) outcome = `returned ${JSON.stringify(result.output)} for the trivial plan, expected ${JSON.stringify(EXPECTED)}`;
    } catch (err) {
      outcome = deadline.aborted ? `did not complete the trivial plan within ${TRIVIAL_PLAN_LIMIT_MS / 1000} s` : `could not run the trivial plan: ${firstLine(err)}`;
    }
    const calls = ledger.events.filter((e) => e.runId === runId);
    // The ledger's view explains most failures better than the run's own outcome does.
    if (calls.some((e) => e.outcome === 'refused')) throw fail('called the ledger without the run\'s token (send "Authorization: Bearer $AGENTCHECK_LEDGER_TOKEN")');
    if (outcome && calls.length === 0) throw fail(`never reached the ledger at AGENTCHECK_LEDGER_URL (${outcome})`);
    if (outcome) throw fail(outcome);
    if (calls.length === 0) throw fail('completed the trivial plan without calling the ledger (every llm and tool step must POST /effects)');
    return { checked: true, readyMs };
  } finally {
    await worker?.stop(1000);
    if (rt) await bounded(rt.close(), 'close()', { limitMs: ADAPTER_CALL_LIMITS_MS.close }).catch(() => undefined);
    await ledger.close();
  }
}

const commandLine = (spec: CommandWorker) => `\`${spec.command.join(' ')}\``.slice(0, 160);
const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0];

/** The supervisor's spawn errors, in the protocol's words. */
function notReady(message: string, limitMs: number): string {
  const exited = /exited \(code (\S+), signal (\S+)\)/.exec(message);
  if (exited) return `exited (code ${exited[1]}, signal ${exited[2]}) before printing its ready line "agentcheck:ready"`;
  if (/was not ready after/.test(message)) return `printed no ready line "agentcheck:ready" on stdout within ${limitMs / 1000} s`;
  return `could not be started (${firstLine(message)})`;
}
