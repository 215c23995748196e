import type { CaseRuntime } from '../adapter.js';
import type { HistoryLog } from '../history.js';
import type { HumanPorts } from '../faults/ports.js';
import { packageOf } from '../faults/registry.js';
import { AdapterTimeout, bounded } from '../process/bounded.js';
import { ABORT_GRACE_MS, HUMAN_REACTION_MS } from '../timing.js';
import type { ArmedFault } from './faults.js';
import { findStep } from '../plan/walk.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  private readonly gaveUp: (reason: string) => void;
  /** `gaveUp` hears of a call the adapter never returned from: the case cannot be judged then. */
  constructor(rt: CaseRuntime, log: HistoryLog, runId: string, signal: AbortSignal, gaveUp: (reason: string) => void = () => undefined) {
    this.rt = rt;
    this.log = log;
    this.runId = runId;
    this.signal = signal;
    this.gaveUp = gaveUp;
  }

  async startRun(): Promise<number> {
    await this.op('start-run', {}, () => this.rt.startRun(this.runId));
    return Date.now();
  }

  /** The case did not happen as its scenario says (the harness itself was late): it cannot be judged. */
  notAsWritten(reason: string): void {
    this.gaveUp(reason);
  }

  /** `tried`: called once the first attempt came back, taken or refused. */
  async deliver(step: string, decision: 'approve' | 'reject', tried?: () => void): Promise<void> {
    await this.op('deliver-approval', { step, decision }, () => this.rt.deliverApproval(this.runId, step, decision), tried);
  }

  private async op(op: 'start-run' | 'deliver-approval', what: { step?: string; decision?: string }, call: () => Promise<void>, tried: () => void = () => undefined): Promise<void> {
    // Every operation names its run: a case may start several (docs/decisions/0038).
    const extra = { ...what, run: this.runId };
    while (!this.signal.aborted) {
      this.log.add({ type: 'op', at: Date.now(), op, phase: 'invoke', ...extra });
      try {
        // An adapter that never answers is given up on at the case's deadline.
        await bounded(call(), `${op === 'start-run' ? 'startRun' : 'deliverApproval'}()`, { signal: this.signal, graceMs: ABORT_GRACE_MS });
        this.log.add({ type: 'op', at: Date.now(), op, phase: 'ok', ...extra });
        tried();
        return;
      } catch (err) {
        if (err instanceof AdapterTimeout) {
          // Not a failure of the runtime: we no longer know what the call did.
          this.log.add({ type: 'op', at: Date.now(), op, phase: 'info', ...extra, detail: err.message });
          this.gaveUp(err.message);
          tried();
          return;
        }
        this.log.add({ type: 'op', at: Date.now(), op, phase: 'fail', ...extra, detail: (err as Error).message });
        tried();
        await sleep(RETRY_MS);
      }
    }
  }
}

/**
 * Schedule one run's humans' decisions. Each answers HUMAN_REACTION_MS after the run
 * asks, unless a fault on that approval says when (see Answer) or has it delivered
 * twice; such a fault changes every run's human alike.
 */
export function scheduleHumans(decisions: Record<string, 'approve' | 'reject'>, armed: ArmedFault[], client: CaseClient, ports: HumanPorts, track: (p: Promise<unknown>) => void): void {
  /**
   * The human answers HUMAN_REACTION_MS after the request. A harness starved of CPU (a
   * machine at load 30) once answered 1.6 s after it instead, past the approval's
   * timeout: the run rightly timed out, and the scenario's answer was judged as lost.
   * An answer the harness gives only after the approval's deadline is not the
   * scenario's in-time answer: it is still given, and the case is left undecided.
   */
  const inTime = async (step: string, askedAt: number) => {
    await sleep(Math.max(0, askedAt + HUMAN_REACTION_MS - Date.now()));
    const approval = findStep(ports.plan, step);
    const late = Date.now() - askedAt;
    if (approval?.kind === 'approval' && late >= approval.timeoutMs) {
      client.notAsWritten(`the harness answered ${step} ${late} ms after its request, not ${HUMAN_REACTION_MS} ms, past its ${approval.timeoutMs} ms timeout: the machine starved the harness, so the case is not the scenario's`);
    }
  };
  for (const [step, decision] of Object.entries(decisions)) {
    const answers = armed
      .filter(({ fault }) => 'step' in fault && fault.step === step)
      .map(({ fault, moments }) => packageOf(fault).answer?.(fault, moments, ports) ?? {});
    const when = answers.flatMap((a) => (a.when ? [a.when] : [])).sort((a, b) => b.precedence - a.precedence)[0];
    const twice = answers.find((a) => a.twice)?.twice;
    let tried: () => void = () => undefined;
    if (answers.some((a) => a.beforeTheWait)) ports.holdRequest(step, new Promise<void>((r) => (tried = r)));
    const at = when ? when.at() : ports.asked(step).then((e) => inTime(step, e.receivedAt));
    track(
      at.then(async () => {
        if (twice && twice.spacingMs === 0) await Promise.all([client.deliver(step, decision, tried), client.deliver(step, decision)]);
        else {
          await client.deliver(step, decision, tried);
          if (twice) {
            await sleep(twice.spacingMs);
            await client.deliver(step, decision);
          }
        }
      }),
    );
  }
}
