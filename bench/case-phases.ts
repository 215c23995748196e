import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult } from '../harness/case/run-case.js';
import type { HistoryEvent } from '../harness/history.js';

/** Where one case's time went, from its history (ms). */
export interface CasePhases {
  total: number;
  /** Spawn to ready marker, summed over the case's worker starts. */
  workerStart: number;
  workerStarts: number;
  /** The first start of a run to the last result. */
  run: number;
  /**
   * After the last result, until the last thing the plan itself scheduled happened (a
   * late or second approval, a duplicate start, a restart after its downtime, a zombie
   * thawed): the scenario's time, not the harness's.
   */
  plannedAfter: number;
  /** Worker starts before the run began or after it ended (the first worker's, above all). */
  startsOutsideRun: number;
  /** In the adapter's openCase and close: the runtime's own setup and teardown (a server per case, say). */
  adapter: number;
  /** The rest: the harness opening and closing the case, waiting for quiescence, old workers, reports. */
  overhead: number;
  /** For each start from a warm spare: how long it had loaded before the case (off the critical path, decision 0074). */
  warm: number[];
}

const PLANNED_WORKER_EVENTS = new Set(['ready', 'thawed']);

export function casePhases(c: CaseResult): CasePhases {
  const events = readFileSync(join(c.dir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as HistoryEvent);
  const spawned = events.filter((e) => e.type === 'worker' && e.event === 'spawned');
  const ready = events.filter((e) => e.type === 'worker' && e.event === 'ready');
  const workerStart = ready.reduce((sum, r, i) => sum + (r.at - (spawned[i]?.at ?? r.at)), 0);
  const startOp = events.find((e) => e.type === 'op' && e.op === 'start-run' && e.phase === 'invoke');
  const results = events.filter((e) => e.type === 'op' && e.op === 'await-result' && e.phase !== 'invoke').map((e) => e.at);
  const lastResult = results.length ? Math.max(...results) : undefined;
  const run = startOp && lastResult ? lastResult - startOp.at : 0;
  // What the plan scheduled: humans and clients (ops other than waiting for results), faults, restarts.
  const planned = events.filter(
    (e) => (e.type === 'op' && e.op !== 'await-result') || (e.type === 'fault' && e.action !== 'drawn') || (e.type === 'worker' && PLANNED_WORKER_EVENTS.has(e.event)),
  );
  const lastPlanned = Math.max(0, ...planned.map((e) => e.at));
  const plannedAfter = lastResult ? Math.max(0, lastPlanned - lastResult) : 0;
  const total = c.metrics!.durationMs;
  // Worker starts inside the run are part of the run's time already; count only the others.
  const startsOutsideRun = ready.reduce((sum, r, i) => (startOp && lastResult && r.at > startOp.at && r.at <= lastResult ? sum : sum + (r.at - (spawned[i]?.at ?? r.at))), 0);
  const warm = ready.flatMap((r) => (r.type === 'worker' && r.warmMs !== undefined ? [r.warmMs] : []));
  const adapter = c.metrics?.adapterMs ?? 0;
  return { total, workerStart, workerStarts: ready.length, run, plannedAfter, startsOutsideRun, adapter, overhead: Math.max(0, total - run - plannedAfter - startsOutsideRun - adapter), warm };
}
