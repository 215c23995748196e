import { expect, it } from 'vitest';
import { restarts, type HistoryEvent } from './history.js';

it('counts as restarts every ready but the first of each worker\'s role: the child runs\' own worker starting is no restart', () => {
  const ready = (pid: number, at: number, serves?: 'children'): HistoryEvent => ({ type: 'worker', at, event: 'ready', pid, ...(serves ? { serves } : {}) });
  const events: HistoryEvent[] = [ready(1, 10), ready(2, 11, 'children'), { type: 'worker', at: 20, event: 'killed', pid: 2, serves: 'children' }, ready(3, 30, 'children'), ready(4, 40)];
  expect(restarts({ events }).map((e) => e.pid)).toEqual([3, 4]);
  // One worker per case, as before: every ready after the first.
  expect(restarts({ events: [ready(1, 10), ready(2, 20), ready(3, 30)] }).map((e) => e.pid)).toEqual([2, 3]);
});
