import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../reports/fixtures/load.test-helpers.js';
import { scoreCases } from '../scorecard.js';
import { judgeGate } from './gate.js';
import { mergeReports } from './merge.js';
import type { Report } from './schema.js';
import { shardOf } from './shard.js';

const whole = loadFixture();
const shard = (index: number, total: number): Report => {
  const cases = shardOf(whole.cases, { index, total });
  const scorecard = scoreCases(cases);
  return { ...whole, shard: { index, total }, cases, scorecard, gate: judgeGate(cases, scorecard, { minScore: 10 }) };
};

describe('merging shard reports', () => {
  it('gives the cases, scorecard and gate of the whole run', () => {
    const merged = mergeReports([1, 2, 3].map((i) => ({ file: `s${i}.json`, report: shard(i, 3) })));
    const byId = (r: Report) => Object.fromEntries(r.cases.map((c) => [c.id, c.verdict]));
    expect(byId(merged)).toEqual(byId(whole));
    expect(merged.scorecard).toEqual(scoreCases(whole.cases));
    expect(merged.gate).toEqual(judgeGate(whole.cases, merged.scorecard, { minScore: 10 }));
    expect(merged.shard).toBeUndefined();
  });

  it('scores the merged run with what the adapter said its runtime lacks', () => {
    const lacks = { 'read-history': 'the demo loop keeps no record of its steps' };
    const noHistory = (r: Report): Report => ({ ...r, adapter: { ...r.adapter, lacks }, cases: r.cases.map((c) => ({ ...c, properties: c.properties.filter((p) => p.id !== 'audit-trail') })) });
    const merged = mergeReports([1, 2].map((i) => ({ file: `s${i}.json`, report: noHistory(shard(i, 2)) })));
    expect(merged.scorecard.categories.find((c) => c.id === 'audit-trail')?.note).toBe(`the adapter cannot read the runtime's history: ${lacks['read-history']}`);
    expect(merged.adapter.lacks).toEqual(lacks);
  });

  it('refuses a missing shard, a repeated one, overlapping cases and shards of other runs', () => {
    expect(() => mergeReports([{ file: 'a.json', report: shard(1, 2) }])).toThrow('shard(s) 2/2 missing: merge needs every shard\'s report');
    expect(() => mergeReports([{ file: 'a.json', report: shard(1, 2) }, { file: 'b.json', report: shard(1, 2) }])).toThrow('b.json: shard 1/2 again (also a.json)');
    expect(() => mergeReports([{ file: 'a.json', report: whole }, { file: 'b.json', report: whole }])).toThrow(`b.json: case ${whole.cases[0]!.id} is also in a.json`);
    expect(() => mergeReports([{ file: 'a.json', report: shard(1, 2) }, { file: 'b.json', report: { ...shard(2, 2), seed: 99 } }])).toThrow('b.json: seed 99, but a.json has seed 7');
    expect(() => mergeReports([{ file: 'a.json', report: shard(1, 2) }, { file: 'b.json', report: { ...shard(2, 2), adapter: { name: 'reference' } } }])).toThrow('b.json: adapter reference, but a.json ran naive');
  });

  it('adds the shards\' coverage cell by cell, and drops it when a shard has none', () => {
    const cov = (n: number): Report['coverage'] => ({ of: 'run', axes: [{ id: 'steps', title: 't', rows: [{ id: 'llm', cells: [{ place: 'first-of-run', cases: n }, { place: 'in-parallel', cases: 0 }] }] }] });
    const merged = mergeReports([{ file: 'a.json', report: { ...shard(1, 2), coverage: cov(2) } }, { file: 'b.json', report: { ...shard(2, 2), coverage: cov(3) } }]);
    expect(merged.coverage).toEqual(cov(5));
    expect(mergeReports([{ file: 'a.json', report: { ...shard(1, 2), coverage: cov(2) } }, { file: 'b.json', report: shard(2, 2) }]).coverage).toBeUndefined();
  });

  it('an interrupted shard leaves the merged gate failed', () => {
    const merged = mergeReports([{ file: 'a.json', report: shard(1, 2) }, { file: 'b.json', report: { ...shard(2, 2), interrupted: true } }]);
    expect(merged.gate).toMatchObject({ passed: false, reason: 'interrupted: b.json did not finish' });
  });
});
