import { describe, expect, it } from 'vitest';
import { gateOptionsOf, judgeGate, parseLevel, parsePropertyIds } from './gate.js';

type Case = Parameters<typeof judgeGate>[0][number];
const fail = (id: string, ...props: Case['properties'][number]['id'][]): Case => ({ id, verdict: 'fail', properties: props.map((p) => ({ id: p, verdict: 'fail' })) });
const pass = (id: string): Case => ({ id, verdict: 'pass', properties: [{ id: 'completes', verdict: 'pass' }] });
const card = (score: number, level: 'L0' | 'L1' | 'L2' | 'L3') => ({ score, level });

describe('the CI gate', () => {
  const cases = [fail('a/one', 'effects-exactly-once'), pass('a/two')];

  it('without flags, every case that ran must pass', () => {
    expect(judgeGate([pass('a/two')], card(100, 'L3'))).toEqual({ passed: true, reason: 'every case that ran passed' });
    expect(judgeGate(cases, card(50, 'L0')).passed).toBe(false);
  });

  it('fails when every case was skipped: nothing was checked', () => {
    const skipped: Case = { id: 'multi-agent/x', verdict: 'skipped', properties: [] };
    expect(judgeGate([skipped, { ...skipped, id: 'multi-agent/y' }], card(0, 'L0'))).toMatchObject({ passed: false, reason: 'no case ran: all 2 skipped (the adapter lacks what they need); nothing was checked' });
    expect(judgeGate([skipped, pass('a/two')], card(100, 'L3')).passed).toBe(true);
  });

  it('--min-score and --min-level replace that with a bar, and both must hold', () => {
    expect(judgeGate(cases, card(50, 'L1'), { minScore: 50 })).toMatchObject({ passed: true, reason: 'score 50 >= --min-score 50' });
    expect(judgeGate(cases, card(50, 'L1'), { minLevel: 'L1' })).toMatchObject({ passed: true, minLevel: 'L1', reason: 'level L1 reaches --min-level L1' });
    expect(judgeGate(cases, card(50, 'L1'), { minLevel: 'L2', minScore: 40 })).toMatchObject({ passed: false, reason: 'level L1 is below --min-level L2' });
  });

  it('--fail-on: a listed property must not fail, whatever the score', () => {
    const g = judgeGate(cases, card(90, 'L2'), { minScore: 10, failOn: ['effects-exactly-once'] });
    expect(g).toMatchObject({ passed: false, failOn: ['effects-exactly-once'], reason: '--fail-on: a/one effects-exactly-once' });
    expect(judgeGate(cases, card(90, 'L2'), { minScore: 10, failOn: ['ordering'] }).passed).toBe(true);
  });

  describe('with a baseline', () => {
    it('known failures do not fail the gate', () => {
      const g = judgeGate(cases, card(50, 'L0'), { baseline: { file: 'k.json', failures: [{ scenario: 'a/one', property: 'effects-exactly-once' }] } });
      expect(g.passed).toBe(true);
      expect(g.reason).toBe('no new failure (1 known in k.json)');
      expect(g.baseline).toEqual({ file: 'k.json', known: [{ scenario: 'a/one', property: 'effects-exactly-once' }], new: [], fixed: [] });
    });

    it('a new failure does, named', () => {
      const g = judgeGate([...cases, fail('a/three', 'ordering')], card(30, 'L0'), { baseline: { file: 'k.json', failures: [{ scenario: 'a/one', property: 'effects-exactly-once' }] } });
      expect(g.passed).toBe(false);
      expect(g.reason).toBe('1 new failure(s) not in k.json: a/three ordering');
    });

    it('a fixed one is reported so the baseline can be tightened', () => {
      const g = judgeGate(cases, card(50, 'L0'), { baseline: { file: 'k.json', failures: [{ scenario: 'a/one', property: 'effects-exactly-once' }, { scenario: 'a/two', property: 'completes' }] } });
      expect(g.passed).toBe(true);
      expect(g.baseline!.fixed).toEqual([{ scenario: 'a/two', property: 'completes' }]);
      expect(g.reason).toContain('1 listed failure(s) fixed, tighten the baseline: a/two completes');
    });

    it('--fail-on does not fire on a known failure', () => {
      expect(judgeGate(cases, card(50, 'L0'), { failOn: ['effects-exactly-once'], baseline: { file: 'k.json', failures: [{ scenario: 'a/one', property: 'effects-exactly-once' }] } }).passed).toBe(true);
    });
  });

  it('an interrupted run has not passed', () => {
    expect(judgeGate([pass('a/two')], card(100, 'L3'), {}, 5)).toEqual({ passed: false, reason: 'interrupted: 1 of 5 case(s) ran' });
  });

  it('the options a gate was judged with can be read back from it, the baselines of shards united', () => {
    const a = judgeGate(cases, card(50, 'L0'), { minScore: 20, baseline: { file: 'k.json', failures: [{ scenario: 'a/one', property: 'effects-exactly-once' }] } });
    const b = judgeGate([pass('b/one')], card(100, 'L3'), { minScore: 20, baseline: { file: 'k.json', failures: [{ scenario: 'b/one', property: 'ordering' }] } });
    expect(gateOptionsOf([a, b])).toEqual({ minScore: 20, baseline: { file: 'k.json', failures: [{ scenario: 'a/one', property: 'effects-exactly-once' }, { scenario: 'b/one', property: 'ordering' }] } });
  });

  it('parses --min-level and --fail-on, naming what is accepted', () => {
    expect(parseLevel('l2')).toBe('L2');
    expect(() => parseLevel('L4')).toThrow('--min-level takes one of L0, L1, L2, L3, not "L4"');
    expect(parsePropertyIds('effects-exactly-once, ordering')).toEqual(['effects-exactly-once', 'ordering']);
    expect(() => parsePropertyIds('effects-exactly-once,exactly-once')).toThrow('--fail-on takes property ids (completes');
  });
});
