import { describe, expect, it } from 'vitest';
import { compareReports } from '../harness/report/compare.js';
import type { Report } from '../harness/report/schema.js';
import { renderCompareHtml, renderCompareMarkdown, renderCompareTerminal } from './compare.js';
import { loadFixture } from './fixtures/load.test-helpers.js';

const naive = loadFixture();
const later: Report = { ...naive, cases: naive.cases.map((c) => (c.id === 'approvals/nobody-answers' ? { ...c, verdict: 'pass', properties: [] } : c)) };
const cmp = compareReports([{ file: 'before.json', report: naive }, { file: 'after.json', report: later }]);

describe('the comparison, rendered', () => {
  it('terminal: a column per report, a row per scenario, the changes below', () => {
    const out = renderCompareTerminal(cmp, false);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^scenario\s+naive \(before\.json\)\s+naive \(after\.json\)$/);
    expect(lines[1]).toMatch(/^score\s+L0 \d+\/100/);
    expect(out).toMatch(/crash-recovery\/crash-after-charge\s+✗ effects-exactly-once, step-isolation\s+✗ effects-exactly-once/);
    expect(out).toContain('From naive (before.json) to naive (after.json): 0 regression(s), ');
    expect(out).toContain('  fixed: approvals/nobody-answers ');
    expect(out).not.toContain('\x1b[');
  });

  it('markdown: a table with a score row', () => {
    const md = renderCompareMarkdown(cmp);
    expect(md).toContain('| scenario | naive (before.json) | naive (after.json) |');
    expect(md).toContain('| approvals/nobody-answers | ✗ ');
    expect(md).toMatch(/- fixed: `approvals\/nobody-answers \S+`/);
  });

  it('html: a self-contained page with the table', () => {
    const html = renderCompareHtml(cmp);
    expect(html).toContain('<table class="cmp">');
    expect((html.match(/<tr>/g) ?? []).length).toBe(1 + cmp.rows.length);
    expect(html).not.toMatch(/\bsrc=|<link/);
  });
});
