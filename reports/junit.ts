import { describeRepeats } from '../harness/report/repeats.js';
import type { Report } from '../harness/report/schema.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML for CI systems that show test results: one testsuite per category, one
 * testcase per case; a failing property is a <failure> with its evidence and replay.
 */
export function renderJunit(report: Report): string {
  const byCategory = new Map<string, Report['cases']>();
  for (const c of report.cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  const suites = [...byCategory].map(([category, cases]) => {
    const count = (v: string) => cases.filter((c) => c.verdict === v).length;
    const testcases = cases.map((c) => {
      const time = ((c.metrics?.durationMs ?? 0) / 1000).toFixed(3);
      const open = `    <testcase classname="agentcheck.${esc(category)}" name="${esc(c.id)}" time="${time}">`;
      if (c.verdict === 'skipped') return `${open}<skipped message="${esc(c.skipReason ?? '')}"/></testcase>`;
      if (c.verdict === 'pass') return `${open}</testcase>`;
      const bad = c.properties.filter((p) => p.verdict !== 'pass');
      const often = describeRepeats(c);
      const message = (c.error ?? bad.map((p) => `${p.id}: ${p.verdict}`).join(', ')) + (often ? ` (${often})` : '');
      const body = [...bad.flatMap((p) => p.evidence.map((e) => `${p.id}: ${e.message}`)), `faults: ${c.faults.join('; ') || 'none'}`, `replay: ${c.repro}`].join('\n');
      const tag = c.verdict === 'fail' ? 'failure' : 'error';
      return `${open}\n      <${tag} message="${esc(message)}">${esc(body)}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${esc(category)}" tests="${cases.length}" failures="${count('fail')}" errors="${count('unknown')}" skipped="${count('skipped')}">\n${testcases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="agentcheck ${esc(report.adapter.name)}" tests="${report.cases.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}
