import type { CaseRuntime } from '../adapter.js';
import type { HistoryLog } from '../history.js';
import type { HumanPorts } from '../faults/ports.js';
import { packageOf } from '../faults/registry.js';
import { AdapterTimeout, bounded } from '../process/bounded.js';
import { ABORT_GRACE_MS, HUMAN_REACTION_MS } from '../timing.js';
import type { ArmedFault } from './faults.js';

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

  async deliver(step: string, decision: 'approve' | 'reject'): Promise<void> {
    await this.op('deliver-approval', { step, decision }, () => this.rt.deliverApproval(this.runId, step, decision));
  }

  private async op(op: 'start-run' | 'deliver-approval', what: { step?: string; decision?: string }, call: () => Promise<void>): Promise<void> {
    // Every operation names its run: a case may start several (docs/decisions/0038).
    const extra = { ...what, run: this.runId };
    while (!this.signal.aborted) {
      this.log.add({ type: 'op', at: Date.now(), op, phase: 'invoke', ...extra });
      try {
        // An adapter that never answers is given up on at the case's deadline.
        await bounded(call(), `${op === 'start-run' ? 'startRun' : 'deliverApproval'}()`, { signal: this.signal, graceMs: ABORT_GRACE_MS });
        this.log.add({ type: 'op', at: Date.now(), op, phase: 'ok', ...extra });
        return;
      } catch (err) {
        if (err instanceof AdapterTimeout) {
          // Not a failure of the runtime: we no longer know what the call did.
          this.log.add({ type: 'op', at: Date.now(), op, phase: 'info', ...extra, detail: err.message });
          this.gaveUp(err.message);
          return;
        }
        this.log.add({ type: 'op', at: Date.now(), op, phase: 'fail', ...extra, detail: (err as Error).message });
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
  for (const [step, decision] of Object.entries(decisions)) {
    const answers = armed
      .filter(({ fault }) => 'step' in fault && fault.step === step)
      .map(({ fault, moments }) => packageOf(fault).answer?.(fault, moments, ports) ?? {});
    const when = answers.flatMap((a) => (a.when ? [a.when] : [])).sort((a, b) => b.precedence - a.precedence)[0];
    const twice = answers.find((a) => a.twice)?.twice;
    const at = when ? when.at() : ports.asked(step).then((e) => sleep(Math.max(0, e.receivedAt + HUMAN_REACTION_MS - Date.now())));
    track(
      at.then(async () => {
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
