import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../history.js';
import type { LedgerEvent } from '../ledger/events.js';
import { howTheWorkersActed } from './second-worker-acted.js';

const ready = (pid: number, at: number): HistoryEvent => ({ type: 'worker', at, event: 'ready', pid });
const struck: HistoryEvent = { type: 'fault', at: 200, fault: 0, kind: 'second-worker', action: 'second-worker', detail: 'at after-effect of charge' };
const call = (pid: number | undefined, receivedAt: number, stepId = 'charge') => ({ runId: 'r', stepId, kind: 'tool', pid, receivedAt, seq: receivedAt, attempt: 1, outcome: 'applied', finishedAt: receivedAt }) as LedgerEvent;

const acted = (events: HistoryEvent[], effects: LedgerEvent[]) => howTheWorkersActed({ events, effects }, 0, false);

describe('howTheWorkersActed', () => {
  const events = [ready(11, 100), struck, ready(22, 300)];

  it('is silent when the second worker made a call', () => {
    expect(howTheWorkersActed({ events, effects: [call(11, 150), call(22, 350, 'email')] }, 0, false)).toBeUndefined();
  });

  it('says so when only the first worker made calls', () => {
    expect(howTheWorkersActed({ events, effects: [call(11, 150), call(11, 400, 'email')] }, 0, false)).toBe('only the first worker acted: the second (pid 22) made no call');
  });

  it('cannot tell when no call carries the pid of a worker the case started (a wrapper process)', () => {
    expect(howTheWorkersActed({ events, effects: [call(99, 150), call(99, 400)] }, 0, false)).toBeUndefined();
    expect(howTheWorkersActed({ events, effects: [call(undefined, 150)] }, 0, false)).toBeUndefined();
  });

  it('cannot tell when the fault was not injected or no second worker came up', () => {
    expect(howTheWorkersActed({ events: [ready(11, 100)], effects: [call(11, 150)] }, 0, false)).toBeUndefined();
    expect(howTheWorkersActed({ events: [ready(11, 100), struck], effects: [call(11, 150)] }, 0, false)).toBeUndefined();
  });

  it("passes over a child's own worker (decision 0110) started meanwhile", () => {
    const child: HistoryEvent = { type: 'worker', at: 250, event: 'ready', pid: 33, serves: 'children' };
    const withChild = [ready(11, 100), struck, child, ready(22, 300)];
    expect(acted(withChild, [call(11, 150), call(33, 260, 'refund')])).toBe('only the first worker acted: the second (pid 22) made no call');
    expect(acted(withChild, [call(11, 150), call(22, 350, 'email')])).toBeUndefined();
  });

  it('reads only its own fault', () => {
    expect(howTheWorkersActed({ events, effects: [call(11, 150)] }, 1, false)).toBeUndefined();
  });

  describe('a zombie (the first frozen, then woken)', () => {
    const zombie = [ready(11, 100), { type: 'worker', at: 190, event: 'frozen', pid: 11 } as HistoryEvent, struck, ready(22, 300), { type: 'worker', at: 900, event: 'thawed', pid: 11 } as HistoryEvent];

    it('is silent when the woken worker made a call', () => {
      expect(howTheWorkersActed({ events: zombie, effects: [call(11, 150), call(22, 350), call(11, 920)] }, 0, true)).toBeUndefined();
    });

    it('counts a call received just before the thaw was logged as the woken worker\'s', () => {
      expect(howTheWorkersActed({ events: zombie, effects: [call(11, 150), call(22, 350), call(11, 880)] }, 0, true)).toBeUndefined();
    });

    it('says so when the woken worker made none', () => {
      expect(howTheWorkersActed({ events: zombie, effects: [call(11, 150), call(22, 350)] }, 0, true)).toBe('the woken first worker (pid 11) made no call after it woke');
    });

    it('names both when neither the second nor the woken first acted', () => {
      expect(howTheWorkersActed({ events: zombie, effects: [call(11, 150)] }, 0, true)).toBe(
        'only the first worker acted: the second (pid 22) made no call; the woken first worker (pid 11) made no call after it woke',
      );
    });
  });
});
