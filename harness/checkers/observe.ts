import type { LedgerEvent } from '../ledger/events.js';
import type { CaseHistory } from '../history.js';
import { describeFault, type Fault } from '../scenario/faults.js';

// Queries over a case's history that several checkers share.

/** The ledger events of this case's run for one step (approval requests included). */
export function eventsFor(history: CaseHistory, stepId: string): LedgerEvent[] {
  return history.effects.filter((e) => e.runId === history.runId && e.stepId === stepId && e.outcome !== 'refused');
}

/** The caller got an answer: applied or deduplicated, not lost. */
export const answered = (e: LedgerEvent) => e.outcome === 'applied' || e.outcome === 'deduplicated';

export function firstAnswer(history: CaseHistory, stepId: string): LedgerEvent | undefined {
  return eventsFor(history, stepId).filter(answered).sort((a, b) => a.finishedAt - b.finishedAt)[0];
}

export function firstRequestAt(history: CaseHistory, stepId: string): number | undefined {
  const times = eventsFor(history, stepId).map((e) => e.receivedAt);
  return times.length ? Math.min(...times) : undefined;
}

/** When each worker process was SIGKILLed by a fault. */
export function killedAt(history: CaseHistory): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of history.events) if (e.type === 'worker' && e.event === 'killed') out.set(e.pid, e.at);
  return out;
}

/**
 * When a worker that was frozen (SIGSTOP) at time `t` could run again: `t` itself if it
 * was not frozen then, its thaw if it was, undefined if it never ran again. A frozen
 * worker can record nothing, so time it spends frozen is no time to record an answer.
 */
export function runsAgainAt(history: CaseHistory, pid: number | undefined, t: number): number | undefined {
  if (pid === undefined) return t;
  let frozenSince: number | undefined;
  for (const e of history.events) {
    if (e.type !== 'worker' || e.pid !== pid) continue;
    if (e.event === 'frozen' && e.at <= t) frozenSince = e.at;
    if (e.event === 'thawed') {
      if (frozenSince !== undefined && e.at > t) return e.at;
      frozenSince = undefined;
    }
  }
  return frozenSince === undefined ? t : undefined;
}

/** Ready times of workers started after a crash, in order. */
export function restartsReadyAt(history: CaseHistory): number[] {
  const ready = history.events.filter((e) => e.type === 'worker' && e.event === 'ready').map((e) => e.at);
  return ready.slice(1);
}

/** "#2 pid 4411 applied +812ms", for evidence lines. */
export function describeAttempt(history: CaseHistory, e: LedgerEvent): string {
  return `#${e.attempt} pid ${e.pid ?? '?'} ${e.outcome}${e.idempotencyKey ? '' : ' (no idempotency key)'} at +${e.receivedAt - history.startedAt}ms`;
}

/** The faults of the case that name this step, or all of them when none does. */
export function faultsAround(faults: Fault[], stepId: string): string {
  const named = faults.filter((f) => 'step' in f && f.step === stepId);
  const list = named.length ? named : faults;
  return list.map(describeFault).join('; ') || 'no fault';
}

export const ms = (n: number) => `${Math.round(n)}ms`;
