import type { HistoryLog } from '../history.js';
import { STARTUP_ALLOWANCE_MAX_MS } from '../timing.js';

/**
 * A case's deadline: the plan's time and the user's timeout, pushed back by the time
 * the case's workers spent starting after the first one. A restarted worker that takes
 * 10 s to load its SDK on a loaded machine delays the run by 10 s; that is the
 * machine's time, not a run that never finishes, and `completes` must not fail on it.
 * The deadline never fires while a worker is starting, and never later than
 * STARTUP_ALLOWANCE_MAX_MS past its first end, so a worker that never gets ready still
 * ends the case.
 */
export class CaseDeadline {
  private readonly controller = new AbortController();
  private endsAt: number;
  private readonly latest: number;
  private starting = 0;
  private startingSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly unwatch: () => void;

  constructor(ms: number, log: HistoryLog) {
    const now = Date.now();
    this.endsAt = now + ms;
    this.latest = this.endsAt + STARTUP_ALLOWANCE_MAX_MS;
    let seen = log.events.length;
    this.unwatch = log.watch(() => {
      for (; seen < log.events.length; seen++) this.see(log.events[seen]!);
    });
    this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** How much the deadline was pushed back so far. */
  get extendedByMs(): number {
    return this.endsAt - (this.latest - STARTUP_ALLOWANCE_MAX_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unwatch();
  }

  private see(e: HistoryLog['events'][number]): void {
    if (e.type !== 'worker') return;
    if (e.event === 'spawned') {
      if (this.starting++ === 0) this.startingSince = e.at;
    } else if (e.event === 'ready' && this.starting > 0) {
      if (--this.starting === 0) {
        this.endsAt += e.at - this.startingSince;
        this.arm();
      }
    }
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.min(this.endsAt, this.latest) - Date.now()));
    // Like AbortSignal.timeout: the deadline alone does not keep the harness alive.
    this.timer.unref();
  }

  private fire(): void {
    const now = Date.now();
    // A start in progress pushes the deadline back when it ends (see()); until then, wait, up to the cap.
    if (now < this.latest && (this.starting > 0 || now < this.endsAt)) {
      if (this.starting > 0) {
        this.timer = setTimeout(() => this.fire(), this.latest - now);
        this.timer.unref();
      } else this.arm();
      return;
    }
    this.controller.abort(new DOMException('The case ran past its deadline', 'TimeoutError'));
  }
}
