import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../harness/report/timeline.js';
import { renderTimeline } from './timeline.js';

describe('a case timeline drawn as SVG', () => {
  const timeline: Timeline = {
    endMs: 1000,
    effects: [
      { step: 'charge', kind: 'tool', attempt: 1, pid: 10, outcome: 'response-lost', at: 100, end: 110, write: true },
      { step: 'charge', kind: 'tool', attempt: 2, pid: 11, outcome: 'applied', at: 600, end: 610, write: true, repeated: true },
      { step: 'email', kind: 'tool', attempt: 1, pid: 11, outcome: 'deduplicated', at: 605, end: 615, keyed: true },
    ],
    events: [
      { type: 'worker', at: 20, event: 'ready', pid: 10 },
      { type: 'worker', at: 200, event: 'frozen', pid: 10 },
      { type: 'fault', at: 300, fault: 0, action: 'crash', detail: 'crash-worker after-effect charge' },
      { type: 'worker', at: 300, event: 'killed', pid: 10 },
      { type: 'worker', at: 500, event: 'ready', pid: 11 },
      { type: 'op', at: 550, op: 'deliver-approval', phase: 'ok', step: 'review', decision: 'reject' },
      { type: 'op', at: 900, op: 'await-result', phase: 'ok', detail: 'completed' },
    ],
  };
  const svg = renderTimeline(timeline);

  it('has a lane per worker process, plus faults and the harness', () => {
    expect(svg).toContain('worker 1 · pid 10');
    expect(svg).toContain('worker 2 · pid 11');
    expect(svg).toContain('>faults<');
    expect(svg).toContain('>harness, humans<');
  });

  it('draws every effect attempt by outcome, the repeated one marked', () => {
    expect((svg.match(/<g class="effect /g) ?? []).length).toBe(3);
    expect(svg).toContain('<g class="effect repeated write">');
    expect(svg).toContain('<g class="effect deduplicated">');
    expect(svg).toContain('charge #2: REPEATED — applied (write, no idempotency key, pid 11)');
  });

  it('marks the fault across the lanes, the kill, the freeze and the human decision', () => {
    expect((svg.match(/class="fault-line"/g) ?? []).length).toBe(1);
    expect(svg).toContain('<g class="kill">');
    expect(svg).toContain('class="frozen"');
    expect(svg).toContain('<g class="decision reject">');
    expect(svg).toContain('result: completed');
  });

  it('overlapping effects of one worker go on separate rows', () => {
    const ys = [...svg.matchAll(/<g class="effect [^"]*"><title>[^<]*<\/title><rect x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys[1]).not.toBe(ys[2]);
  });

  it('labels effects and decisions by run in a case of several runs', () => {
    const two = renderTimeline({
      endMs: 500,
      effects: [
        { step: 'charge', kind: 'tool', attempt: 1, pid: 10, outcome: 'applied', at: 100, end: 110, write: true, run: 1 },
        { step: 'charge', kind: 'tool', attempt: 1, pid: 10, outcome: 'applied', at: 105, end: 115, write: true, run: 2 },
      ],
      events: [{ type: 'op', at: 300, op: 'deliver-approval', phase: 'ok', step: 'review', decision: 'reject', run: 2 }],
    });
    expect(two).toContain('>r1 charge #1<');
    expect(two).toContain('>r2 charge #1<');
    expect(two).toContain('run 2 charge #1: applied');
    expect(two).toContain('run 2 reject review');
    // One run: no label added.
    expect(svg).not.toContain('run 1');
  });

  it('shows each effect\'s span beside it: received, or never received by the collector', () => {
    const traced = renderTimeline({
      endMs: 500,
      effects: [
        { step: 'plan', kind: 'llm', attempt: 1, pid: 10, outcome: 'applied', at: 10, end: 20, span: { trace: 'a'.repeat(32), id: '1'.repeat(16), seen: false } },
        { step: 'charge', kind: 'tool', attempt: 1, pid: 10, outcome: 'applied', at: 100, end: 110, write: true, keyed: true, span: { trace: 'a'.repeat(32), id: '2'.repeat(16), seen: true } },
      ],
      events: [],
    });
    expect((traced.match(/class="span missing"/g) ?? []).length).toBe(1);
    expect((traced.match(/class="span seen"/g) ?? []).length).toBe(1);
    expect(traced).toContain(`plan #1: applied (llm, pid 10) +10..+20 ms — span ${'1'.repeat(16)} in trace aaaaaaaa…, never received by the collector`);
    expect(svg).not.toContain('class="span');
  });
});
