import { appendFileSync } from 'node:fs';
import type { RunResult, RuntimeHistory } from './adapter.js';
import type { LedgerEvent } from './ledger/events.js';
import type { FaultAction } from './faults/ports.js';
import type { FaultKind } from './faults/registry.js';
import type { StoredSpan } from './traces/span.js';

/**
 * Everything observed in one case, in order. Operations are three-valued like
 * Jepsen's: `info` means the outcome is unknown (cut off by a crash or a timeout).
 */
export type HistoryEvent =
  | { type: 'op'; at: number; op: 'start-run' | 'deliver-approval' | 'await-result'; phase: 'invoke' | 'ok' | 'fail' | 'info'; step?: string; decision?: string; detail?: string; run?: string }
  | { type: 'fault'; at: number; fault: number; kind: FaultKind; action: FaultAction; detail?: string; drawn?: Readonly<Record<string, number>> }
  | {
      type: 'worker';
      at: number;
      event: 'spawned' | 'ready' | 'frozen' | 'thawed' | 'killed' | 'exited' | 'stopped';
      pid: number;
      detail?: string;
      /** Set on the events of the worker that runs only the case's child runs (CaseRuntime.childWorker). */
      serves?: 'children';
      /** For `killed`: when SIGKILL was sent (`at` is when the process was reaped, later on a loaded machine). */
      signalledAt?: number;
      /**
       * For `ready` of a warm spare (decision 0074): how long the process had been
       * loading before its case was handed to it. `spawned` (when the case asked) to
       * `ready` is what the case waited, which every rule reads (decision 0075).
       */
      warmMs?: number;
    };

type WorkerEvent = Extract<HistoryEvent, { type: 'worker' }>;

/** `ready` events of restarted workers: each but the first of its role (decision 0110). */
export function restarts(history: { events: readonly HistoryEvent[] }): WorkerEvent[] {
  const first = new Set<string | undefined>();
  return history.events.filter((e): e is WorkerEvent => {
    if (e.type !== 'worker' || e.event !== 'ready') return false;
    if (first.has(e.serves)) return true;
    first.add(e.serves);
    return false;
  });
}

/**
 * A case's record as one run sees it: checkers judge one run at a time. `effects`, the
 * workers and the faults are the whole case's; `events` holds only this run's
 * operations (an op names its run); `result` and `runtimeHistory` are this run's.
 */
export interface CaseHistory {
  startedAt: number;
  events: HistoryEvent[];
  effects: readonly LedgerEvent[];
  result?: RunResult;
  runtimeHistory?: RuntimeHistory;
  /** Every span the case's trace receiver got; absent when the adapter declares it lacks traces or the case does not judge them (decision 0065): not exercised. */
  spans?: readonly StoredSpan[];
  /** The run being judged. */
  runId: string;
  /** Every run the case started, in order (runId among them); absent means runId alone. */
  runIds?: readonly string[];
  /** The adapter's declared Adapter.timerLatencyMs, for durable-timers. */
  timerLatencyMs?: number;
}

/** Every run of the case. */
export const runsOf = (h: Pick<CaseHistory, 'runId' | 'runIds'>): readonly string[] => h.runIds ?? [h.runId];

/** What one run sees of a case's events: every worker and fault event, and its own operations. */
export function eventsOfRun(events: readonly HistoryEvent[], runId: string): HistoryEvent[] {
  return events.filter((e) => e.type !== 'op' || e.run === undefined || e.run === runId);
}

/** Appends to memory and to history.jsonl at once, so an interrupted run keeps its record. */
export class HistoryLog {
  readonly events: HistoryEvent[] = [];
  readonly file: string;
  private readonly watchers = new Set<() => void>();
  constructor(file: string) {
    this.file = file;
  }
  /** Called after every event is added, until the returned function is called: what waits on the record waits on this, not on a timer. */
  watch(onEvent: () => void): () => void {
    this.watchers.add(onEvent);
    return () => this.watchers.delete(onEvent);
  }
  add(event: HistoryEvent): void {
    this.events.push(event);
    for (const w of this.watchers) w();
    try {
      appendFileSync(this.file, JSON.stringify(event) + '\n');
    } catch {
      // the output folder was removed under us; the in-memory record is kept
    }
  }
}
