import { appendFileSync } from 'node:fs';
import type { RunResult, RuntimeHistory } from './adapter.js';
import type { LedgerEvent } from './ledger/events.js';
import type { FaultAction } from './faults/ports.js';
import type { FaultKind } from './faults/registry.js';

/**
 * Everything observed in one case, in order. Operations are three-valued like
 * Jepsen's: `info` means the outcome is unknown (cut off by a crash or a timeout).
 */
export type HistoryEvent =
  | { type: 'op'; at: number; op: 'start-run' | 'deliver-approval' | 'await-result'; phase: 'invoke' | 'ok' | 'fail' | 'info'; step?: string; decision?: string; detail?: string }
  | { type: 'fault'; at: number; fault: number; kind: FaultKind; action: FaultAction; detail?: string; drawn?: Readonly<Record<string, number>> }
  | { type: 'worker'; at: number; event: 'spawned' | 'ready' | 'frozen' | 'thawed' | 'killed' | 'exited' | 'stopped'; pid: number; detail?: string };

export interface CaseHistory {
  startedAt: number;
  events: HistoryEvent[];
  effects: readonly LedgerEvent[];
  result?: RunResult;
  runtimeHistory?: RuntimeHistory;
  runId: string;
}

/** Appends to memory and to history.jsonl at once, so an interrupted run keeps its record. */
export class HistoryLog {
  readonly events: HistoryEvent[] = [];
  readonly file: string;
  constructor(file: string) {
    this.file = file;
  }
  add(event: HistoryEvent): void {
    this.events.push(event);
    try {
      appendFileSync(this.file, JSON.stringify(event) + '\n');
    } catch {
      // the output folder was removed under us; the in-memory record is kept
    }
  }
}
