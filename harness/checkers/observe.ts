import { tookEffect, type LedgerEvent } from '../ledger/events.js';
import { restarts, type CaseHistory } from '../history.js';
import { describeFault, type Fault } from '../faults/registry.js';

// Queries over a case's history that several checkers share.

/** The ledger events of this case's run for one step (approval requests included). */
export function eventsFor(history: CaseHistory, stepId: string): LedgerEvent[] {
  return history.effects.filter((e) => e.runId === history.runId && e.stepId === stepId && e.outcome !== 'refused');
}

/**
 * The caller got an answer: applied or deduplicated, not lost, and not given up on
 * unread (its client's timeout fired first and it said so: decision 0054).
 */
export const answered = (e: LedgerEvent) => (e.outcome === 'applied' || e.outcome === 'deduplicated') && e.abandonedAt === undefined;

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

/** A worker frozen at `t` (frozen before it, not thawed or killed until after it): its pid. */
export function frozenAt(history: CaseHistory, t: number): number | undefined {
  const state = new Map<number, boolean>();
  for (const e of history.events) {
    if (e.type !== 'worker' || e.at > t) continue;
    if (e.event === 'frozen') state.set(e.pid, true);
    else if (e.event === 'thawed' || e.event === 'killed' || e.event === 'exited' || e.event === 'stopped') state.set(e.pid, false);
  }
  return [...state].find(([, isFrozen]) => isFrozen)?.[0];
}

/**
 * When the worker that got an answer at `t` had run `grace` ms since, not counting
 * time it spent frozen (SIGSTOP: it can record nothing then); undefined if it was
 * killed first or never woke. `frozenEarly` says whether a freeze cut into the first
 * `grace` ms after `t`.
 */
export function ranFor(history: CaseHistory, pid: number | undefined, t: number, grace: number): { at: number | undefined; frozenEarly: boolean } {
  if (pid === undefined) return { at: t + grace, frozenEarly: false };
  // A killed worker stopped running when SIGKILL was sent, not when the harness saw it
  // gone (on a loaded machine that was ~200 ms later, and counted as time to record).
  const events = history.events.flatMap((e) =>
    e.type === 'worker' && e.pid === pid && (e.event === 'frozen' || e.event === 'thawed' || e.event === 'killed') ? [{ event: e.event, at: e.event === 'killed' ? (e.signalledAt ?? e.at) : e.at }] : [],
  );
  // Its state when the answer came: a freeze and thaw before it changes nothing.
  let running = true;
  for (const e of events.filter((x) => x.at <= t)) {
    if (e.event === 'killed') return { at: undefined, frozenEarly: false };
    running = e.event === 'thawed';
  }
  let frozenEarly = !running;
  let since = t;
  let left = grace;
  for (const e of events.filter((x) => x.at > t)) {
    if (running && e.at - since >= left) return { at: since + left, frozenEarly };
    if (e.event === 'killed') return { at: undefined, frozenEarly };
    if (e.event === 'frozen' && running) {
      left -= e.at - since;
      running = false;
      frozenEarly = true;
    } else if (e.event === 'thawed' && !running) {
      running = true;
      since = e.at;
    }
  }
  return { at: running ? since + left : undefined, frozenEarly };
}

/** Ready times of workers started after a crash, in order: each but the first of its role (the child runs' own worker's first start is no restart). */
export function restartsReadyAt(history: CaseHistory): number[] {
  return restarts(history).map((e) => e.at);
}

/** "#2 pid 4411 applied +812ms", for evidence lines. */
export function describeAttempt(history: CaseHistory, e: LedgerEvent): string {
  return `#${e.attempt} pid ${e.pid ?? '?'} ${e.outcome}${e.abandonedAt !== undefined ? ' (its caller gave up before reading it)' : ''}${e.idempotencyKey ? '' : ' (no idempotency key)'} at +${e.receivedAt - history.startedAt}ms`;
}

/** The faults of the case that name this step, or all of them when none does. */
export function faultsAround(faults: Fault[], stepId: string): string {
  const named = faults.filter((f) => 'step' in f && f.step === stepId);
  const list = named.length ? named : faults;
  return list.map(describeFault).join('; ') || 'no fault';
}

export const ms = (n: number) => `${Math.round(n)}ms`;

/** The child runs an agent step's start calls name, each with its calls, in order. */
export function childrenStarted(events: readonly LedgerEvent[]): Map<string, LedgerEvent[]> {
  const children = new Map<string, LedgerEvent[]>();
  for (const e of events) {
    // A start the outside world never saw (failed before it) started nothing.
    if (e.kind !== 'agent-start' || !(tookEffect(e) || e.outcome === 'deduplicated')) continue;
    const child = e.childRun ?? '(unnamed)';
    children.set(child, [...(children.get(child) ?? []), e]);
  }
  return children;
}
