import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load.test-helpers.js';
import { renderHtml } from './html.js';

describe('the HTML report', () => {
  const report = loadFixture();
  const html = renderHtml(report);

  it('is one self-contained file: inline style and script, nothing fetched', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<(link|img|iframe)\b|\bsrc=|url\((?!#)|@import|https?:\/\/(?!www\.w3\.org)/);
  });

  it('shows the level, the score and the gate', () => {
    expect(html).toContain(`<span class="level ${report.scorecard.level}">${report.scorecard.level}</span>`);
    expect(html).toContain(`${report.scorecard.score}/100`);
    expect(html).toContain('Gate failed');
  });

  it('has a category × property matrix whose cells filter the cases', () => {
    const matrix = /<table class="matrix">.*?<\/table>/s.exec(html)![0];
    expect((matrix.match(/<tr>/g) ?? []).length).toBe(1 + report.scorecard.categories.length);
    expect(matrix).toContain('data-category="crash-recovery" data-property="effects-exactly-once"');
  });

  it('lists every case with its verdict, evidence, timeline and replay command', () => {
    expect((html.match(/<details class="case"/g) ?? []).length).toBe(report.cases.length);
    expect((html.match(/<svg class="timeline"/g) ?? []).length).toBe(report.cases.filter((c) => c.timeline).length);
    const bad = report.cases.find((c) => c.verdict === 'fail')!;
    expect(html).toContain(`data-verdict="fail" data-category="${bad.category}"`);
    expect(html).toContain(bad.repro);
    expect(html).toContain('took effect 2 times');
  });

  it('shows coverage as one table per axis, uncovered cells named; none for a report written before coverage', () => {
    expect(html).not.toContain('id="coverage"');
    const coverage: NonNullable<typeof report.coverage> = { of: 'run', axes: [{ id: 'faults', title: 'Faults: each kind where it strikes', rows: [{ id: 'crash-worker', cells: [{ place: 'waiting', cases: 2 }, { place: 'sleeping', cases: 0 }] }, { id: 'response-lost', cells: [{ place: 'effect', cases: 1 }] }] }] };
    const page = renderHtml({ ...report, coverage });
    const table = /<table class="matrix coverage">.*?<\/table>/s.exec(page)![0];
    expect(table).toContain('<tr><th>faults</th><th>waiting</th><th>sleeping</th><th>effect</th></tr>');
    expect(table).toContain('<tr><th>response-lost</th><td class="none"></td><td class="none"></td><td class="pass" title="response-lost effect: 1 case(s)">1</td></tr>');
    expect(page).toContain('2 of 3 cells of the coverage model');
    expect(page).toContain('Not exercised: faults: crash-worker sleeping');
  });

  it('escapes what it shows', () => {
    const evil = { ...report, adapter: { name: '<script>alert(1)</script>' } };
    expect(renderHtml(evil)).not.toContain('<script>alert(1)');
  });
});
