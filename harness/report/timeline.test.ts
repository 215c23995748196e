import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../ledger/events.js';
import { buildTimeline } from './timeline.js';

const effect = (seq: number, stepId: string, pid: number, outcome: LedgerEvent['outcome'], receivedAt: number, extra: Partial<LedgerEvent> = {}): LedgerEvent => ({ runId: 'r', stepId, kind: 'tool', mode: 'write', seq, attempt: 1, pid, outcome, receivedAt, finishedAt: receivedAt + 5, ...extra });

describe('a case timeline', () => {
  const t0 = 1_000_000;
  const timeline = buildTimeline(
    {
      startedAt: t0,
      effects: [effect(2, 'charge', 11, 'applied', t0 + 300, { attempt: 2 }), effect(1, 'charge', 10, 'response-lost', t0 + 100), effect(3, 'email', 11, 'deduplicated', t0 + 400, { idempotencyKey: 'k', mode: undefined, kind: 'llm' })],
      events: [
        { type: 'worker', at: t0 + 50, event: 'ready', pid: 10 },
        { type: 'fault', at: t0 + 120, fault: 0, kind: 'crash-worker', action: 'crash', detail: 'x'.repeat(400) },
        { type: 'op', at: t0 + 200, op: 'deliver-approval', phase: 'ok', step: 'review', decision: 'approve' },
      ],
    },
    t0 + 500,
  );

  it('keeps each effect attempt in ledger order, times from the case start, and marks the one that took effect again', () => {
    expect(timeline.endMs).toBe(500);
    expect(timeline.effects).toEqual([
      { step: 'charge', kind: 'tool', attempt: 1, pid: 10, outcome: 'response-lost', at: 100, end: 105, write: true },
      { step: 'charge', kind: 'tool', attempt: 2, pid: 11, outcome: 'applied', at: 300, end: 305, write: true, repeated: true },
      { step: 'email', kind: 'llm', attempt: 1, pid: 11, outcome: 'deduplicated', at: 400, end: 405, keyed: true },
    ]);
  });

  it('keeps workers, faults and decisions, with long details cut short', () => {
    expect(timeline.events.map((e) => [e.type, e.at])).toEqual([['worker', 50], ['fault', 120], ['op', 200]]);
    expect(timeline.events[1]!.detail).toHaveLength(160);
    expect(timeline.events[2]).toMatchObject({ op: 'deliver-approval', decision: 'approve', step: 'review' });
  });

  it('numbers effects and operations by run only in a case of several runs', () => {
    const two = buildTimeline(
      {
        startedAt: t0,
        runIds: ['r-1', 'r-2'],
        effects: [effect(1, 'charge', 10, 'applied', t0 + 100, { runId: 'r-1' }), effect(2, 'charge', 10, 'applied', t0 + 110, { runId: 'r-2' })],
        events: [{ type: 'op', at: t0 + 200, op: 'deliver-approval', phase: 'ok', step: 'review', decision: 'reject', run: 'r-2' }],
      },
      t0 + 500,
    );
    // Two runs each charging once: neither charge is a repeat.
    expect(two.effects.map((e) => [e.run, e.repeated])).toEqual([[1, undefined], [2, undefined]]);
    expect(two.events[0]).toEqual({ type: 'op', at: 200, op: 'deliver-approval', phase: 'ok', step: 'review', decision: 'reject', run: 2 });
    const one = buildTimeline({ startedAt: t0, runIds: ['r'], effects: [effect(1, 'charge', 10, 'applied', t0 + 100)], events: [{ type: 'op', at: t0 + 1, op: 'start-run', phase: 'ok', run: 'r' }] }, t0 + 500);
    expect(one.effects[0]).not.toHaveProperty('run');
    expect(one.events[0]).not.toHaveProperty('run');
  });

  it('puts beside each effect the span that made it and whether the collector received it, in a traced case only', () => {
    const trace = 'a'.repeat(32);
    const effects = [effect(1, 'charge', 10, 'applied', t0 + 100, { trace: { traceId: trace, spanId: '1'.repeat(16) } }), effect(2, 'email', 10, 'applied', t0 + 200, { trace: { traceId: trace, spanId: '2'.repeat(16) } })];
    const span = { traceId: trace, spanId: '2'.repeat(16), name: 'call email', startMs: t0 + 199, endMs: t0 + 206, status: 'unset' as const, attributes: {}, resource: {}, links: [] };
    const traced = buildTimeline({ startedAt: t0, effects, events: [], spans: [span] }, t0 + 500);
    expect(traced.effects.map((e) => e.span)).toEqual([
      { trace, id: '1'.repeat(16), seen: false },
      { trace, id: '2'.repeat(16), seen: true },
    ]);
    // An adapter that lacks traces: nothing to show, not "never received".
    expect(buildTimeline({ startedAt: t0, effects, events: [] }, t0 + 500).effects[0]).not.toHaveProperty('span');
  });
});
