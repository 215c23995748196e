import { describe, expect, it } from 'vitest';
import { HistoryBuilder, RUN, scenario, T0 } from './fixtures.test-helpers.js';
import { traces } from './traces.js';
import type { StoredSpan } from '../traces/span.js';

const s = scenario({
  plan: {
    name: 'checkout',
    steps: [
      { kind: 'llm', id: 'plan-order', tokens: 100 },
      { kind: 'tool', id: 'charge-card', tool: 'payments.charge', mode: 'write' },
    ],
  },
});

const T = 'a'.repeat(32);
const U = 'b'.repeat(32);
const id = (c: string) => c.repeat(16);

/** A span as the receiver keeps it; by default it names the run and its step. */
function span(traceId: string, spanId: string, opts: Partial<StoredSpan> & { step?: string } = {}): StoredSpan {
  const { step, ...rest } = opts;
  return {
    traceId,
    spanId,
    name: `effect ${step ?? ''}`,
    startMs: T0,
    endMs: T0 + 1,
    status: 'unset',
    attributes: { 'agentcheck.run.id': RUN, ...(step ? { 'agentcheck.step.id': step } : {}) },
    resource: {},
    links: [],
    ...rest,
  };
}

/** plan-order by pid 100, charge-card lost with it (a crash after the charge), retried by pid 200. */
function crashAfterCharge(second: { trace: string; span: string } = { trace: T, span: id('3') }) {
  return new HistoryBuilder()
    .effect('plan-order', 'applied', 0, { pid: 100, kind: 'llm', trace: { traceId: T, spanId: id('1') } })
    .effect('charge-card', 'response-lost', 10, { pid: 100, key: 'k', trace: { traceId: T, spanId: id('2') } })
    .killed(100, 20)
    .effect('charge-card', 'deduplicated', 300, { pid: 200, key: 'k', trace: { traceId: second.trace, spanId: second.span } })
    .completed({});
}

const check = (b: HistoryBuilder) => traces.check(b.input(s));

describe('traces', () => {
  it('is not exercised when the adapter sends no spans (it lacks traces)', () => {
    expect(check(crashAfterCharge())).toBeUndefined();
  });

  it('passes a run that crashed and resumed in the same trace; the span the crash cut off is not asked for', () => {
    const r = check(crashAfterCharge().traced(span(T, id('1'), { step: 'plan-order' }), span(T, id('3'), { step: 'charge-card' })));
    expect(r?.verdict).toBe('pass');
    expect(r?.evidence[0].message).toBe(`1 of 3 attempts had to show as spans and do; one trace ${T}`);
  });

  it('fails when an attempt the worker went on past never reached the collector (spans lost on a crash)', () => {
    const r = check(crashAfterCharge().traced(span(T, id('3'), { step: 'charge-card' })));
    expect(r?.verdict).toBe('fail');
    expect(r?.evidence).toEqual([
      { step: 'plan-order', attempts: [1], message: `plan-order #1 (pid 100, applied) was made by span ${id('1')}, which never reached the collector, though the worker went on past it` },
    ]);
  });

  it('is not exercised when the workers traced nothing at all (no span, no trace context)', () => {
    const b = new HistoryBuilder().effect('plan-order', 'applied', 0, { pid: 100, kind: 'llm' }).effect('charge-card', 'applied', 10, { pid: 100, key: 'k' }).traced();
    expect(check(b)).toBeUndefined();
  });

  it('fails when a required attempt carried no trace context while the run traced others', () => {
    const b = new HistoryBuilder()
      .effect('plan-order', 'applied', 0, { pid: 100, kind: 'llm' })
      .effect('charge-card', 'applied', 10, { pid: 100, key: 'k', trace: { traceId: T, spanId: id('2') } })
      .traced(span(T, id('2'), { step: 'charge-card' }));
    expect(check(b)?.evidence.map((e) => e.message)).toEqual(['plan-order #1 (pid 100, applied) carried no trace context: no span can show it']);
  });

  it('fails a run split into two unrelated traces by its recovery, naming the attempts on each side', () => {
    const r = check(crashAfterCharge({ trace: U, span: id('3') }).traced(span(T, id('1'), { step: 'plan-order' }), span(U, id('3'), { step: 'charge-card' })));
    expect(r?.verdict).toBe('fail');
    expect(r?.evidence.map((e) => e.message)).toEqual([
      `run ${RUN} is split into 2 unrelated traces: trace ${T} (plan-order #1 (pid 100, applied), charge-card #1 (pid 100, response-lost)); trace ${U} (charge-card #2 (pid 200, deduplicated))`,
    ]);
  });

  it('passes a new trace that links to the run\'s first one', () => {
    const linked = span(U, id('3'), { step: 'charge-card', links: [{ traceId: T, spanId: id('1') }] });
    expect(check(crashAfterCharge({ trace: U, span: id('3') }).traced(span(T, id('1'), { step: 'plan-order' }), linked))?.verdict).toBe('pass');
  });

  it('fails a span that names no run, and passes one whose parent does', () => {
    const anonymous = span(T, id('1'), { attributes: {} });
    expect(check(crashAfterCharge().traced(anonymous))?.evidence.map((e) => e.message)).toEqual([
      `span ${id('1')} of plan-order #1 (pid 100, applied) does not name run ${RUN}, nor does any span above it`,
    ]);
    const child = span(T, id('1'), { attributes: {}, parentSpanId: id('9') });
    const parent = span(T, id('9'), { attributes: { temporalWorkflowId: RUN } });
    expect(check(crashAfterCharge().traced(child, parent))?.verdict).toBe('pass');
  });

  it('takes a child run\'s call as named by the child (an agent step), and fails it when it names neither', () => {
    const withChild = () =>
      crashAfterCharge().effect('refund', 'applied', 400, { pid: 200, kind: 'tool', key: 'r', childRun: 'child-1', trace: { traceId: T, spanId: id('4') } }).effect('refund', 'applied', 500, { pid: 200, kind: 'tool', key: 'r', childRun: 'child-1', trace: { traceId: T, spanId: id('5') } });
    const spans = [span(T, id('1')), span(T, id('3'))];
    const childSpans = [span(T, id('4'), { attributes: { 'agentcheck.run.id': 'child-1' } }), span(T, id('5'), { attributes: { 'agentcheck.run.id': 'child-1' } })];
    expect(check(withChild().traced(...spans, ...childSpans))?.verdict).toBe('pass');
    const stranger = [span(T, id('4'), { attributes: { 'agentcheck.run.id': 'someone-else' } }), childSpans[1]!];
    expect(check(withChild().traced(...spans, ...stranger))?.evidence.map((e) => e.message)).toEqual([
      `span ${id('4')} of refund #1 (pid 200, applied) does not name run child-1, nor does any span above it`,
    ]);
  });

  it('fails a phantom: a span that says it made a call the ledger never received', () => {
    const phantom = span(T, id('7'), { step: 'charge-card', name: 'effect charge-card' });
    const r = check(crashAfterCharge().traced(span(T, id('1'), { step: 'plan-order' }), phantom));
    expect(r?.verdict).toBe('fail');
    expect(r?.evidence).toEqual([{ step: 'charge-card', message: `span "effect charge-card" ${id('7')} says it called charge-card and did not fail, but the ledger never received a call from it` }]);
    // One that failed before its request left the worker claims nothing.
    expect(check(crashAfterCharge().traced(span(T, id('1'), { step: 'plan-order' }), { ...phantom, status: 'error' }))?.verdict).toBe('pass');
  });

  it('fails a retry hidden in its first attempt\'s span', () => {
    const b = new HistoryBuilder()
      .effect('plan-order', 'failed', 0, { pid: 100, kind: 'llm', trace: { traceId: T, spanId: id('1') } })
      .effect('plan-order', 'applied', 50, { pid: 100, kind: 'llm', trace: { traceId: T, spanId: id('1') } })
      .effect('charge-card', 'applied', 90, { pid: 100, key: 'k', trace: { traceId: T, spanId: id('2') } })
      .traced(span(T, id('1'), { step: 'plan-order' }), span(T, id('2'), { step: 'charge-card' }));
    const r = check(b);
    expect(r?.verdict).toBe('fail');
    expect(r?.evidence.map((e) => e.message)).toEqual([`plan-order #1 (pid 100, failed) and plan-order #2 (pid 100, applied) were all made by span ${id('1')}: a retry has no span of its own`]);
  });

  it('does not ask for a span from a parallel branch the worker did not wait on', () => {
    const par = scenario({
      plan: {
        name: 'p',
        steps: [{ kind: 'parallel', id: 'both', branches: [[{ kind: 'llm', id: 'left', tokens: 1 }], [{ kind: 'llm', id: 'right', tokens: 1 }]] }],
      },
    });
    const b = new HistoryBuilder()
      .effect('left', 'applied', 0, { pid: 100, kind: 'llm', trace: { traceId: T, spanId: id('1') } })
      .effect('right', 'response-lost', 10, { pid: 100, kind: 'llm', trace: { traceId: T, spanId: id('2') } })
      .killed(100, 20)
      .traced();
    expect(traces.check(b.input(par))?.verdict).toBe('pass');
  });
});
