import { describe, expect, it } from 'vitest';
import type { CaseResult } from './case/run-case.js';
import type { Category } from './scenario/schema.js';
import { levelTitle } from './report/scorecard.js';
import { scoreCases } from './scorecard.js';

const c = (category: Category, verdict: CaseResult['verdict'], audit?: 'pass' | 'fail'): CaseResult => ({
  id: `${category}/${Math.random()}`,
  scenario: 'x',
  category,
  description: '',
  faults: [],
  verdict,
  properties: audit ? [{ id: 'audit-trail', verdict: audit, evidence: [] }] : [],
  repro: '',
  dir: '',
  ...(verdict === 'skipped' ? { skipReason: 'restart-runtime: no server' } : {}),
});

const allGood = (audit: 'pass' | 'fail' | null = 'pass') =>
  (['crash-recovery', 'effect-safety', 'step-replay', 'approvals', 'timers', 'policy'] as Category[]).map((k) => c(k, 'pass', audit ?? undefined));

describe('scorecard', () => {
  it('L3 when every category passes, audit included; runtime durability may be n/a with a reason', () => {
    const card = scoreCases([...allGood(), c('runtime-durability', 'skipped')]);
    expect(card).toMatchObject({ score: 100, level: 'L3' });
    expect(card.categories.find((x) => x.id === 'runtime-durability')).toMatchObject({ score: null, note: 'restart-runtime: no server' });
  });

  it('L2 without an audit trail, L1 with a failing approval case, L0 with a failing crash case', () => {
    expect(scoreCases(allGood(null)).level).toBe('L2');
    expect(scoreCases([...allGood(), c('approvals', 'fail')]).level).toBe('L1');
    expect(scoreCases([...allGood(), c('crash-recovery', 'fail')]).level).toBe('L0');
  });

  it('multi-agent counts for L3: a failing case blocks it, a runtime that cannot run agent steps is n/a', () => {
    expect(scoreCases([...allGood(), c('multi-agent', 'fail')]).level).toBe('L2');
    expect(levelTitle(scoreCases([...allGood(), c('multi-agent', 'fail')]))).toBe('human-in-the-loop ready (Multi-agent failing)');
    expect(scoreCases([...allGood(), c('multi-agent', 'skipped')]).level).toBe('L3');
    expect(levelTitle(scoreCases([...allGood(), c('multi-agent', 'skipped')]))).toBe('production ready (Multi-agent not exercised)');
    expect(scoreCases([...allGood(), c('multi-agent', 'pass')]).level).toBe('L3');
  });

  it('policy counts for L3 and is never n/a: every runtime can be judged from the ledger', () => {
    expect(scoreCases([...allGood(), c('policy', 'fail')]).level).toBe('L2');
    expect(levelTitle(scoreCases([...allGood(), c('policy', 'fail')]))).toBe('human-in-the-loop ready (Policy failing)');
    const without = allGood().filter((k) => k.category !== 'policy');
    expect(scoreCases(without).level).toBe('L2');
    expect(levelTitle(scoreCases(without))).toBe('human-in-the-loop ready (Policy not exercised)');
  });

  it('a category no case exercised blocks its level', () => {
    expect(scoreCases(allGood().filter((k) => k.category !== 'timers')).level).toBe('L1');
  });

  it('scores each category by the share of cases that passed; unknown counts against it', () => {
    const card = scoreCases([c('effect-safety', 'pass'), c('effect-safety', 'unknown'), c('effect-safety', 'fail'), c('effect-safety', 'pass')]);
    expect(card.categories.find((x) => x.id === 'effect-safety')).toMatchObject({ score: 50, passed: 2, failed: 1, unknown: 1 });
    expect(card.score).toBe(50);
  });

  it('the level text states only what the cases showed', () => {
    // One scenario, no crash case: L0, but nobody saw it lose work on a crash.
    const title = levelTitle(scoreCases([c('approvals', 'pass')]));
    expect(title).not.toContain('loses or repeats work');
    expect(title).toBe('not shown crash-safe (Crash recovery, Effect safety, Step replay not exercised)');
    expect(levelTitle(scoreCases([c('crash-recovery', 'fail')]))).toBe('demo: loses or repeats work on a crash');
    expect(levelTitle(scoreCases([...allGood(), c('effect-safety', 'fail')]))).toBe('not shown crash-safe (Effect safety failing)');
    expect(levelTitle(scoreCases(allGood().filter((k) => k.category !== 'timers')))).toBe('crash-safe (Durable timers not exercised)');
    expect(levelTitle(scoreCases([...allGood(), c('runtime-durability', 'skipped')]))).toBe('production ready');
  });

  it('says why the audit trail was not exercised, with the reason the adapter gives', () => {
    const card = scoreCases([c('crash-recovery', 'pass')], { 'read-history': 'the demo loop keeps no record of its steps' });
    expect(card.categories.find((x) => x.id === 'audit-trail')!.note).toBe("the adapter cannot read the runtime's history: the demo loop keeps no record of its steps");
  });

  describe('observability', () => {
    /** A case with its audit trail passing and its traces as given. */
    const traced = (category: Category, traces: 'pass' | 'fail'): CaseResult => ({
      ...c(category, traces === 'fail' ? 'fail' : 'pass', 'pass'),
      properties: [
        { id: 'audit-trail', verdict: 'pass', evidence: [] },
        { id: 'traces', verdict: traces, evidence: [] },
      ],
    });

    it('is scored from the traces property over every case, and passing it keeps L3', () => {
      const card = scoreCases([...allGood(), traced('crash-recovery', 'pass')]);
      expect(card.categories.find((x) => x.id === 'observability')).toMatchObject({ title: 'Observability', score: 100, passed: 1 });
      expect(card.level).toBe('L3');
    });

    it('failing traces hold the runtime at L2 and count in Observability, not against the case\'s own category', () => {
      const card = scoreCases([...allGood(), traced('crash-recovery', 'fail')]);
      expect(card.categories.find((x) => x.id === 'observability')).toMatchObject({ score: 0, failed: 1 });
      expect(card.categories.find((x) => x.id === 'crash-recovery')).toMatchObject({ score: 100, passed: 2 });
      expect(card.level).toBe('L2');
      expect(levelTitle(card)).toBe('human-in-the-loop ready (Observability failing)');
    });

    it('n/a with the adapter\'s reason does not block L3 (a runtime with no OpenTelemetry of its own)', () => {
      const card = scoreCases(allGood(), { traces: 'LangGraph.js emits no OpenTelemetry spans of its own' });
      expect(card.categories.find((x) => x.id === 'observability')).toMatchObject({ score: null, note: 'no spans checked: LangGraph.js emits no OpenTelemetry spans of its own' });
      expect(card.level).toBe('L3');
    });
  });
});
