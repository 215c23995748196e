// The harness's event loop, watched. Every fault, answer and thaw of every case in the
// run is a timer of this one loop, and the ledger answers on it: while it is blocked (a
// synchronous wait in an adapter's client, decision 0120; a process starved of CPU)
// nothing the scenario says happens when it says. A case that failed while the loop was
// blocked for long is not a verdict on the runtime (run-case.ts).

const TICK_MS = 50;
/** Only stalls at least this long are kept: shorter ones are a busy loop's ordinary jitter. */
const KEEP_MS = 100;
const KEPT = 256;

/** Stalls seen, each as when it ended and how long the loop could not run. */
const stalls: { endedAt: number; ms: number }[] = [];
let watchers = 0;
let timer: NodeJS.Timeout | undefined;
let last = 0;

function tick(): void {
  const now = Date.now();
  const ms = now - last - TICK_MS;
  last = now;
  if (ms < KEEP_MS) return;
  stalls.push({ endedAt: now, ms });
  if (stalls.length > KEPT) stalls.shift();
}

export interface StallWatch {
  /** The longest stall of the harness's event loop since the watch began (0 when none reached 100 ms), and when it ended. */
  longest(): { ms: number; endedAt?: number };
  stop(): void;
}

/** Watch the event loop for the span of one case; several cases share one timer. */
export function watchStalls(): StallWatch {
  const from = Date.now();
  if (watchers++ === 0) {
    last = from;
    timer = setInterval(tick, TICK_MS).unref();
  }
  let stopped = false;
  return {
    longest() {
      tick(); // a stall still going on counts up to now
      let worst: { ms: number; endedAt?: number } = { ms: 0 };
      // A stall that ended after the watch began counts, for the part that fell within it.
      for (const s of stalls) {
        const ms = Math.min(s.ms, s.endedAt - from);
        if (ms > worst.ms) worst = { ms, endedAt: s.endedAt };
      }
      return worst;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (--watchers === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
        stalls.length = 0;
      }
    },
  };
}
