import { availableParallelism, cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defaultLanes } from '../lanes.js';

/**
 * `explore --concurrency auto` (decision 0122): how many generated cases run at once,
 * chosen while exploring from how busy the machine is. Most of a case's time is its
 * timers (sleeps, approval waits, quiet periods), not CPU: two lanes on two cores keep
 * the CPUs a third busy, eight keep them nearly full. A fixed number is wrong somewhere:
 * too few on an idle machine, too many on a shared CI runner, where a starved harness
 * answers late and a case stops being the scenario it was written to be. So lanes are
 * added above the fixed default while the CPUs have room and the harness's event loop
 * keeps time, and taken away as soon as either stops being true.
 */

/** One look at the machine since the previous look. */
export interface MachineLook {
  /** Share of all CPUs' time spent busy (anyone's, not only agentcheck's), 0..1. */
  cpuBusy: number;
  /** The harness's longest event-loop delay, ms. */
  loopLagMs: number;
}

export interface LaneLimits {
  start: number;
  min: number;
  max: number;
}

/** The CPUs' busy share, averaged over WINDOW_LOOKS looks, below which one more lane is added. */
export const ROOM_BELOW = 0.7;
/**
 * Averaged the same way, above which one lane is taken away: timers of running cases
 * must still fire on time. Measured on 2 cores (reference, seed 3): kept near 0.9-1.0,
 * a restart took long enough for a timeout to run out while the worker was down, and a
 * case that passes on an idle machine came out undecided, which fails the gate.
 */
export const FULL_ABOVE = 0.85;
/** An event-loop delay this long means the harness itself is short of CPU: one lane fewer at once. */
export const LAG_LIMIT_MS = 250;
/**
 * Looks averaged before a change, and after one before the next: one second's share
 * swings from 0.3 to 1.0 as spares load and cases start (measured on 2 cores), and a
 * new lane takes a few seconds to show in it.
 */
export const WINDOW_LOOKS = 4;
export const LOOK_EVERY_MS = 1000;

/**
 * The default range on this machine: never fewer lanes than the fixed default gives
 * (min(4, cores), which `run` keeps), up to four per core. Not fewer: on a machine busy
 * with other work, going down to one lane halved the rate (reference, two other
 * processes spinning on the 2 cores: 0.88 cases/s) for no verdict the fixed default got wrong.
 */
export function autoLaneLimits(cores = availableParallelism()): LaneLimits {
  const start = defaultLanes(cores);
  return { start, min: start, max: Math.min(16, 4 * Math.max(1, cores)) };
}

export interface LaneSummary {
  min: number;
  max: number;
  /** Time-weighted mean of the lanes over the exploration. */
  mean: number;
}

export class AutoLanes {
  private current: number;
  /** The CPUs' busy shares since the last change. */
  private window: number[] = [];
  private seenMin: number;
  private seenMax: number;
  private weighted = 0;
  private since: number;
  private readonly began: number;
  private readonly limits: LaneLimits;
  private readonly busy: () => boolean;
  private readonly now: () => number;

  /**
   * `busy()`: whether every lane is taken now (a lane is only added when the search
   * is waiting for one).
   */
  constructor(limits: LaneLimits, busy: () => boolean, now: () => number = Date.now) {
    this.limits = limits;
    this.busy = busy;
    this.now = now;
    this.current = Math.min(limits.max, Math.max(limits.min, limits.start));
    this.seenMin = this.seenMax = this.current;
    this.began = this.since = now();
  }

  get lanes(): number {
    return this.current;
  }

  /** Take one look into account. */
  look(m: MachineLook): void {
    if (m.loopLagMs >= LAG_LIMIT_MS) return this.set(this.current - 1);
    this.window = [...this.window, m.cpuBusy].slice(-WINDOW_LOOKS);
    if (this.window.length < WINDOW_LOOKS) return;
    const mean = this.window.reduce((a, b) => a + b, 0) / this.window.length;
    if (mean > FULL_ABOVE) this.set(this.current - 1);
    else if (mean < ROOM_BELOW && this.busy()) this.set(this.current + 1);
  }

  summary(): LaneSummary {
    const at = this.now();
    const total = this.weighted + this.current * (at - this.since);
    const span = at - this.began;
    return { min: this.seenMin, max: this.seenMax, mean: span > 0 ? total / span : this.current };
  }

  private set(lanes: number): void {
    const next = Math.min(this.limits.max, Math.max(this.limits.min, lanes));
    // Judged afresh on what the new number of lanes does.
    this.window = [];
    if (next === this.current) return;
    const at = this.now();
    this.weighted += this.current * (at - this.since);
    this.since = at;
    this.current = next;
    this.seenMin = Math.min(this.seenMin, next);
    this.seenMax = Math.max(this.seenMax, next);
  }
}

/** Looks at this machine every LOOK_EVERY_MS until stopped: its CPUs' busy share and the harness's event-loop delay. */
export function watchMachine(onLook: (m: MachineLook) => void, everyMs = LOOK_EVERY_MS): { stop(): void } {
  let last = cpuTimes();
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const timer = setInterval(() => {
    const now = cpuTimes();
    const total = now.total - last.total;
    const cpuBusy = total > 0 ? (total - (now.idle - last.idle)) / total : 0;
    last = now;
    const loopLagMs = delay.max / 1e6;
    delay.reset();
    onLook({ cpuBusy, loopLagMs });
  }, everyMs);
  // Looking keeps nothing alive: the exploration's own work does.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      delay.disable();
    },
  };
}

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const { times: t } of cpus()) {
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}
