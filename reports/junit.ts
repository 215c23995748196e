import { describeRepeats } from '../harness/report/repeats.js';
import type { Report } from '../harness/report/schema.js';
import { escapeXml as esc } from './escape.js';

const seconds = (ms: number) => (ms / 1000).toFixed(3);
const countOf = (cases: Report['cases'], v: string) => cases.filter((c) => c.verdict === v).length;

/**
 * JUnit XML for CI systems that show test results: one testsuite per category, one
 * testcase per case; a failing property is a <failure> with its evidence and replay.
 * The root carries the totals (tests, failures, errors, time) that the JUnit XML
 * schema expects and that CI systems read for their summary line.
 */
export function renderJunit(report: Report): string {
  const byCategory = new Map<string, Report['cases']>();
  for (const c of report.cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  const suites = [...byCategory].map(([category, cases]) => {
    const testcases = cases.map((c) => {
      const time = seconds(c.metrics?.durationMs ?? 0);
      const open = `    <testcase classname="agentcheck.${esc(category)}" name="${esc(c.id)}" time="${time}">`;
      if (c.verdict === 'skipped') return `${open}<skipped message="${esc(c.skipReason ?? '')}"/></testcase>`;
      if (c.verdict === 'pass') return `${open}</testcase>`;
      const bad = c.properties.filter((p) => p.verdict !== 'pass');
      const often = describeRepeats(c);
      const message = (c.error ?? [...bad.map((p) => `${p.id}: ${p.verdict}`), ...(c.notes ?? [])].join(', ')) + (often ? ` (${often})` : '');
      const body = [...bad.flatMap((p) => p.evidence.map((e) => `${p.id}: ${e.message}`)), ...(c.notes ?? []).map((n) => `undecided: ${n}`), `faults: ${c.faults.join('; ') || 'none'}`, `replay: ${c.repro}`].join('\n');
      const tag = c.verdict === 'fail' ? 'failure' : 'error';
      return `${open}\n      <${tag} message="${esc(message)}">${esc(body)}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${esc(category)}" tests="${cases.length}" failures="${countOf(cases, 'fail')}" errors="${countOf(cases, 'unknown')}" skipped="${countOf(cases, 'skipped')}" time="${seconds(cases.reduce((t, c) => t + (c.metrics?.durationMs ?? 0), 0))}">\n${testcases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="agentcheck ${esc(report.adapter.name)}" tests="${report.cases.length}" failures="${countOf(report.cases, 'fail')}" errors="${countOf(report.cases, 'unknown')}" time="${seconds(report.durationMs)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
