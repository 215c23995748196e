import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../reports/fixtures/load.test-helpers.js';
import { compareReports } from './compare.js';
import type { Report } from './schema.js';

const naive = loadFixture();
/** The same run with every case passing: a runtime that got it right. */
const fixed: Report = { ...naive, adapter: { name: 'reference' }, cases: naive.cases.map((c) => ({ ...c, verdict: 'pass', properties: c.properties.map((p) => ({ ...p, verdict: 'pass', evidence: [] })) })) };

describe('comparing reports', () => {
  it('puts runtimes side by side by scenario, with the properties that failed', () => {
    const cmp = compareReports([{ file: 'a.json', report: naive }, { file: 'b.json', report: fixed }]);
    expect(cmp.columns.map((c) => c.label)).toEqual(['naive', 'reference']);
    expect(cmp.rows).toHaveLength(naive.cases.length);
    const row = cmp.rows.find((r) => r.scenario === 'crash-recovery/crash-after-charge')!;
    expect(row.cells[0]).toMatchObject({ verdict: 'fail', failing: ['effects-exactly-once', 'step-isolation'] });
    expect(row.cells[1]).toMatchObject({ verdict: 'pass', failing: [] });
    expect(cmp.changes).toBeUndefined(); // two runtimes: no regressions to speak of
  });

  it('between two runs of one adapter lists regressions and fixes', () => {
    const later: Report = { ...fixed, adapter: naive.adapter, cases: [...fixed.cases.slice(1), naive.cases[0]!].map((c) => (c.id === 'approvals/duplicate-approval' ? { ...c, verdict: 'fail', properties: [{ id: 'approval-integrity', verdict: 'fail', evidence: [] }] } : c)) };
    const cmp = compareReports([{ file: 'before.json', report: naive }, { file: 'after.json', report: later }]);
    expect(cmp.columns.map((c) => c.label)).toEqual(['naive (before.json)', 'naive (after.json)']);
    expect(cmp.changes!.regressions).toEqual([{ scenario: 'approvals/duplicate-approval', property: 'approval-integrity' }]);
    expect(cmp.changes!.fixes).toContainEqual({ scenario: 'approvals/nobody-answers', property: 'durable-timers' });
    expect(cmp.changes!.fixes).not.toContainEqual(expect.objectContaining({ scenario: naive.cases[0]!.id }));
  });

  it('a scenario one report did not run is an empty cell', () => {
    const cmp = compareReports([{ file: 'a.json', report: naive }, { file: 'b.json', report: { ...fixed, cases: fixed.cases.slice(1) } }]);
    expect(cmp.rows.find((r) => r.scenario === naive.cases[0]!.id)!.cells[1]).toBeUndefined();
  });
});
