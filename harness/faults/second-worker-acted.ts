import type { CaseHistory, HistoryEvent } from '../history.js';

const WOKE_MARGIN_MS = 50;

type WorkerEvent = Extract<HistoryEvent, { type: 'worker' }>;

/**
 * Which of the two workers a `second-worker` fault puts side by side acted on the run.
 * A runtime may keep the run on the first (the reference's lease; DBOS 5.x recovers
 * through a queue, and a second process rarely takes the run): correct, and then a pass
 * shows that the run resumed once, not how two workers racing would have gone. Over
 * `--repeat` the report says how often. The ledger's record is the witness: a worker
 * acted when a call to the outside world carries its pid.
 *
 * Returns what the record shows, or undefined when both acted or when it cannot tell
 * (the fault was never injected, or the calls carry pids of no worker the case started,
 * e.g. a worker behind a wrapper process).
 */
export function howTheWorkersActed(history: Pick<CaseHistory, 'events' | 'effects'>, faultIndex: number, zombie: boolean): string | undefined {
  const { events, effects } = history;
  const noteAt = events.findIndex((e) => e.type === 'fault' && e.fault === faultIndex && e.action === 'second-worker');
  if (noteAt < 0) return undefined;
  // A second worker stands beside the parent's (a child's own worker, decision 0110, is apart).
  const parents = (e: HistoryEvent): e is WorkerEvent => e.type === 'worker' && e.serves === undefined;
  const workers = events.filter((e): e is WorkerEvent => e.type === 'worker');
  // The first worker's pid (the one running when the fault struck) and the second's (the next one ready).
  const before = events.slice(0, noteAt).filter((e): e is WorkerEvent => parents(e) && e.event === 'ready');
  const second = events.slice(noteAt).find((e): e is WorkerEvent => parents(e) && e.event === 'ready');
  const first = before.at(-1);
  if (!second) return undefined;
  // Only where pids compare: some call of the case carries the pid of a worker it started.
  const pids = new Set(workers.filter((w) => w.event === 'ready').map((w) => w.pid));
  if (!effects.some((e) => e.pid !== undefined && pids.has(e.pid))) return undefined;
  const callsBy = (pid: number, after = 0) => effects.filter((e) => e.pid === pid && e.receivedAt >= after).length;
  const reasons: string[] = [];
  if (callsBy(second.pid) === 0) reasons.push(`only the first worker acted: the second (pid ${second.pid}) made no call`);
  if (zombie && first) {
    const thawed = workers.find((w) => w.event === 'thawed' && w.pid === first.pid && w.at >= (events[noteAt]?.at ?? 0));
    // A call sent as the thaw was logged may be received a moment before `thawed`: a margin errs towards "it acted".
    if (thawed && callsBy(first.pid, thawed.at - WOKE_MARGIN_MS) === 0) reasons.push(`the woken first worker (pid ${first.pid}) made no call after it woke`);
  }
  return reasons.length ? reasons.join('; ') : undefined;
}
