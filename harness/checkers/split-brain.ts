import type { CaseHistory } from '../history.js';
import type { LedgerEvent } from '../ledger/events.js';

/**
 * Two requests for one step from two different workers, both in flight at the same
 * time while both workers were running (neither frozen nor killed): split brain, not a
 * retry. A retry after a crash starts once the old worker is dead; a takeover from a
 * frozen worker overlaps only while that worker can do nothing.
 */
export function concurrentAttempts(history: CaseHistory, events: LedgerEvent[]): [LedgerEvent, LedgerEvent] | undefined {
  const sorted = [...events].filter((e) => e.pid !== undefined).sort((a, b) => a.receivedAt - b.receivedAt);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [a, b] = [sorted[i], sorted[j]];
      if (a.pid === b.pid) continue;
      const from = Math.max(a.receivedAt, b.receivedAt);
      const to = Math.min(a.finishedAt, b.finishedAt);
      if (to > from && runningThroughout(history, a.pid!, from, to) && runningThroughout(history, b.pid!, from, to)) return [a, b];
    }
  }
  return undefined;
}

/** The worker was alive and not frozen at every moment of [from, to]. */
function runningThroughout(history: CaseHistory, pid: number, from: number, to: number): boolean {
  const mine = history.events.filter((e) => e.type === 'worker' && e.pid === pid && e.at <= to).sort((a, b) => a.at - b.at);
  let running = true;
  for (const e of mine) {
    if (e.type !== 'worker') continue;
    if (e.event === 'killed') return false;
    if (e.at > from && e.event === 'frozen') return false;
    if (e.event === 'frozen') running = false;
    else if (e.event === 'thawed') running = e.at <= from;
  }
  return running;
}
