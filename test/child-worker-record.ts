import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEvent } from '../harness/history.js';
import type { LedgerEvent } from '../harness/ledger/events.js';
import { expect } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { caseOf } from './helpers.js';

// Read by test/child-worker.test.ts (reference), test/temporal.test.ts (decision 0110), the temporal-py tests and test/restate.test.ts (decision 0118).

export const CHILD_WORKER_CASE = 'multi-agent/child-worker-dies-mid-refund';
const ID = CHILD_WORKER_CASE;

const lines = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as T);

/** What the case's record says of its two workers and of who made each call. */
function childWorkerRecord(report: Report) {
  const dir = caseOf(report, ID).dir!;
  const workers = lines<HistoryEvent>(join(dir, 'history.jsonl')).filter((e): e is Extract<HistoryEvent, { type: 'worker' }> => e.type === 'worker');
  const effects = lines<LedgerEvent>(join(dir, 'effects.jsonl'));
  const parentPids = new Set(workers.filter((e) => !e.serves && e.event === 'ready').map((e) => e.pid));
  const killed = workers.filter((e) => e.event === 'killed');
  const firstRefund = effects.find((e) => e.stepId === 'refund-payment')!;
  return { parentPids, killed, firstRefund, effects };
}

/** Only the child's worker died, and it was the process that made the refund; the parent's made every parent call from start to end. */
export function expectChildWorkerKilledAlone(report: Report): void {
  const { parentPids, killed, firstRefund, effects } = childWorkerRecord(report);
  expect(parentPids.size).toBe(1);
  expect(killed.map((e) => [e.pid, e.serves])).toEqual([[firstRefund.pid, 'children']]);
  const [parent] = [...parentPids];
  const own = effects.filter((e) => !e.childRun);
  expect(own.map((e) => e.pid)).toEqual(own.map(() => parent));
  expect(effects.filter((e) => e.childRun).every((e) => e.pid !== parent)).toBe(true);
}
