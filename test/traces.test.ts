import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAdapter } from '../harness/load-adapter.js';
import type { Report } from '../harness/report/schema.js';
import type { StoredSpan } from '../harness/traces/span.js';
import type { LedgerEvent } from '../harness/ledger/events.js';
import { caseOf, propertyOf, runBuiltIns } from './helpers.js';

// The traces property on real runs: the reference runtime's OpenTelemetry spans, sent by
// real worker processes (one SIGKILLed mid-run) to the case's OTLP receiver, pass; an
// adapter that declares it lacks traces is n/a with its reason. The known-bad tracing
// variants are caught in test/zoo.test.ts (new-trace-on-recovery, spans-lost-on-crash).

const CRASH = 'crash-recovery/crash-after-charge';
const RETRY = 'step-replay/flaky-tool-retried-alone';

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

describe('traces on the reference runtime', () => {
  let report: Report;
  it('passes a crash and a retried call, with spans stored beside the effects', async () => {
    report = await runBuiltIns('reference', [CRASH, RETRY], { seed: 3 });
    for (const id of [CRASH, RETRY]) expect(propertyOf(report, id, 'traces')?.verdict, id).toBe('pass');
    const observability = report.scorecard.categories.find((c) => c.id === 'observability');
    expect(observability).toMatchObject({ score: 100, passed: 2 });

    // What always holds in the record: the run's calls are one trace across the crash,
    // made by distinct spans (the retry is its own), and the receiver kept spans.
    const dir = caseOf(report, CRASH).dir;
    const effects = readJsonl<LedgerEvent>(join(dir, 'effects.jsonl'));
    const spans = readJsonl<StoredSpan>(join(dir, 'spans.jsonl'));
    expect(new Set(effects.map((e) => e.pid)).size).toBe(2);
    expect(new Set(effects.map((e) => e.trace?.traceId)).size).toBe(1);
    expect(new Set(effects.map((e) => e.trace?.spanId)).size).toBe(effects.length);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.every((s) => s.resource['agentcheck.case.id'] === CRASH && s.resource['service.name'] === 'reference-worker')).toBe(true);
    const retried = readJsonl<LedgerEvent>(join(caseOf(report, RETRY).dir, 'effects.jsonl'));
    const byStep = Map.groupBy(retried, (e) => e.stepId);
    const flaky = [...byStep.values()].find((list) => list.length > 1)!;
    expect(new Set(flaky.map((e) => e.trace?.spanId)).size).toBe(flaky.length);

    // The JSON report's timeline carries each effect's span.
    expect(caseOf(report, CRASH).timeline!.effects.every((e) => e.span !== undefined)).toBe(true);
  });
});

describe('a case that does not judge traces (decision 0065)', () => {
  it('starts the reference worker without OTEL_*: no trace context, no spans, traces n/a, and the case passes', async () => {
    const ID = 'approvals/duplicate-approval'; // only the human's side is faulted
    const report = await runBuiltIns('reference', [ID], { seed: 1 });
    expect(caseOf(report, ID).verdict).toBe('pass');
    expect(propertyOf(report, ID, 'traces')).toBeUndefined();
    const effects = readJsonl<LedgerEvent>(join(caseOf(report, ID).dir, 'effects.jsonl'));
    expect(effects.length).toBeGreaterThan(0);
    expect(effects.every((e) => e.trace === undefined)).toBe(true);
    expect(report.scorecard.categories.find((c) => c.id === 'observability')).toMatchObject({ score: null });
  });
});

describe('adapters that lack traces', () => {
  it('naive: n/a, with the reason in the Observability row', async () => {
    const report = await runBuiltIns('naive', [CRASH], { seed: 3 });
    expect(propertyOf(report, CRASH, 'traces')).toBeUndefined();
    expect(report.scorecard.categories.find((c) => c.id === 'observability')).toMatchObject({ score: null, note: 'no spans checked: the demo loop emits no traces' });
  });

  it('LangGraph states why; the runtimes whose tracing is wired (their verdicts: their own e2e tests) do not lack it', async () => {
    for (const name of ['langgraph', 'langgraph-functional']) {
      const adapter = await loadAdapter(name);
      expect(adapter.lacks?.traces, name).toMatch(/\w/);
    }
    for (const name of ['reference', 'temporal', 'restate', 'dbos']) expect((await loadAdapter(name)).lacks?.traces, name).toBeUndefined();
  });
});
