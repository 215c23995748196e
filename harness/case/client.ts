import type { CaseRuntime } from '../adapter.js';
import type { HistoryLog } from '../history.js';
import type { Ledger } from '../ledger/server.js';
import type { Fault } from '../scenario/faults.js';
import type { Scenario } from '../scenario/schema.js';
import type { ApprovalStep } from '../plan/schema.js';
import { findStep } from '../plan/walk.js';
import { INTO_WAIT_MS } from './faults.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long after the run asks for an approval the human answers. */
export const HUMAN_REACTION_MS = 50;
/** How often a client retries an operation that failed because the worker was down. */
const RETRY_MS = 100;

/**
 * The harness's client side: it starts the run and plays the humans. An operation
 * that fails is retried until the case's deadline, as a person or a queue would.
 */
export class CaseClient {
  private readonly rt: CaseRuntime;
  private readonly log: HistoryLog;
  private readonly signal: AbortSignal;
  private readonly runId: string;
  constructor(rt: CaseRuntime, log: HistoryLog, runId: string, signal: AbortSignal) {
    this.rt = rt;
    this.log = log;
    this.runId = runId;
    this.signal = signal;
  }

  async startRun(): Promise<number> {
    await this.op('start-run', {}, () => this.rt.startRun(this.runId));
    return Date.now();
  }

  async deliver(step: string, decision: 'approve' | 'reject'): Promise<void> {
    await this.op('deliver-approval', { step, decision }, () => this.rt.deliverApproval(this.runId, step, decision));
  }

  private async op(op: 'start-run' | 'deliver-approval', extra: { step?: string; decision?: string }, call: () => Promise<void>): Promise<void> {
    while (!this.signal.aborted) {
      this.log.add({ type: 'op', at: Date.now(), op, phase: 'invoke', ...extra });
      try {
        await call();
        this.log.add({ type: 'op', at: Date.now(), op, phase: 'ok', ...extra });
        return;
      } catch (err) {
        this.log.add({ type: 'op', at: Date.now(), op, phase: 'fail', ...extra, detail: (err as Error).message });
        await sleep(RETRY_MS);
      }
    }
  }
}

/**
 * Schedule the duplicate starts and the humans' decisions, faults included.
 * `secondWorkerUp(step)` resolves once a second worker runs beside the first at that
 * step's wait: the human then answers with both up, so two answers can reach two processes.
 */
export function scheduleClient(
  scenario: Scenario,
  client: CaseClient,
  ledger: Ledger,
  started: Promise<number>,
  track: (p: Promise<unknown>) => void,
  secondWorkerUp: (step: string) => Promise<void> = () => Promise.resolve(),
): void {
  for (const f of scenario.faults) {
    if (f.kind === 'duplicate-start') track(started.then(() => sleep(f.afterMs)).then(() => client.startRun()));
  }
  for (const [step, decision] of Object.entries(scenario.decisions)) {
    const faults = scenario.faults.filter((f): f is Extract<Fault, { step: string }> => 'step' in f && f.step === step);
    const early = faults.some((f) => f.kind === 'approve-early');
    const late = faults.find((f) => f.kind === 'approve-late');
    const twice = faults.find((f) => f.kind === 'approve-twice');
    const approvalStep = findStep(scenario.plan, step) as ApprovalStep;
    const asked = () => ledger.waitFor((e) => e.stepId === step && e.kind === 'approval-request');
    // With a crash during this wait, the human answers while the worker is down.
    const crash = scenario.faults.find((f) => f.kind === 'crash-worker' && f.step === step && f.at === 'waiting');
    const reaction = crash && 'downtimeMs' in crash ? INTO_WAIT_MS + crash.downtimeMs / 2 : HUMAN_REACTION_MS;
    const beside = scenario.faults.some((f) => f.kind === 'second-worker' && f.step === step && f.at === 'waiting');
    const when: Promise<unknown> = early
      ? started
      : late
        ? asked().then((e) => sleep(Math.max(0, e.receivedAt + approvalStep.timeoutMs + late.afterTimeoutMs - Date.now())))
        : beside
          ? secondWorkerUp(step).then(() => sleep(HUMAN_REACTION_MS))
          : asked().then((e) => sleep(Math.max(0, e.receivedAt + reaction - Date.now())));
    track(
      when.then(async () => {
        if (twice && twice.spacingMs === 0) await Promise.all([client.deliver(step, decision), client.deliver(step, decision)]);
        else {
          await client.deliver(step, decision);
          if (twice) {
            await sleep(twice.spacingMs);
            await client.deliver(step, decision);
          }
        }
      }),
    );
  }
}
