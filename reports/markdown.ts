import { describeRepeats } from '../harness/report/repeats.js';
import type { Report } from '../harness/report/schema.js';
import { levelTitle } from '../harness/report/scorecard.js';
import { coverageCount, coverageLines, uncovered } from '../harness/report/coverage.js';

/** Markdown for CI summaries (e.g. $GITHUB_STEP_SUMMARY) and pull-request comments. */
export function renderMarkdown(report: Report): string {
  const { scorecard } = report;
  const lines = [
    `## agentcheck: ${report.adapter.name} — ${scorecard.score}/100, ${scorecard.level} ${levelTitle(scorecard)}`,
    '',
    '| category | score | passed | failed | unknown | skipped |',
    '|---|---:|---:|---:|---:|---:|',
    ...scorecard.categories.map((c) => `| ${c.title} | ${c.score === null ? 'n/a' : `${c.score}%`} | ${c.passed} | ${c.failed} | ${c.unknown} | ${c.skipped} |`),
    '',
    `Gate: **${report.gate.passed ? 'passed' : 'failed'}** — ${report.gate.reason}. Seed ${report.seed}.`,
  ];
  if (report.coverage) {
    const { covered, total } = coverageCount(report.coverage);
    const missing = uncovered(report.coverage);
    lines.push('', `<details><summary>Coverage: ${covered} of ${total} cells${missing.length ? `; not exercised: ${missing.join('; ')}` : ''}</summary>`, '', '```', ...coverageLines(report.coverage), '```', '', '</details>');
  }
  const shapes = report.cases.filter((c) => c.repeats?.observed);
  if (shapes.length) {
    lines.push('', '### How the runs met their faults', '');
    for (const c of shapes) lines.push(`- **${c.id}**: in ${c.repeats!.observed} of ${c.repeats!.runs} runs ${c.observed!.join('; ')}`);
  }
  const bad = report.cases.filter((c) => c.verdict === 'fail' || c.verdict === 'unknown');
  if (bad.length) {
    lines.push('', '### Failing cases', '');
    for (const c of bad) {
      lines.push(`- **${c.id}** (${describeRepeats(c) || c.verdict}) — ${c.faults.join('; ') || 'no fault'}`);
      for (const p of c.properties.filter((x) => x.verdict !== 'pass')) lines.push(`  - \`${p.id}\`: ${p.evidence.map((e) => e.message).join(' / ')}`);
      for (const n of c.notes ?? []) lines.push(`  - undecided: ${n}`);
      lines.push(`  - replay: \`${c.repro}\``);
    }
  }
  return lines.join('\n') + '\n';
}
