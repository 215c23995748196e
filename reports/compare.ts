import { describeFailure } from '../harness/report/baseline.js';
import type { CompareCell, Comparison } from '../harness/report/compare.js';
import { escapeXml as esc } from './escape.js';
import { htmlPage } from './html.js';
import { paint } from './color.js';

// The comparison of several reports in three forms: terminal, Markdown, HTML. A cell
// says the case's verdict and, when it did not pass, which properties broke.

const MARK: Record<CompareCell['verdict'], string> = { pass: '✓', fail: '✗', unknown: '?', skipped: '–' };
const cellText = (c: CompareCell | undefined) => (!c ? '· not run' : c.verdict === 'pass' || c.verdict === 'skipped' ? `${MARK[c.verdict]} ${c.verdict}` : `${MARK[c.verdict]} ${c.failing.join(', ') || c.verdict}`);

function changeLines(cmp: Comparison, bullet: string, code: (s: string) => string): string[] {
  if (!cmp.changes) return [];
  const { from, to, regressions, fixes } = cmp.changes;
  return [
    `From ${from} to ${to}: ${regressions.length} regression(s), ${fixes.length} fix(es)`,
    ...regressions.map((f) => `${bullet}regressed: ${code(describeFailure(f))}`),
    ...fixes.map((f) => `${bullet}fixed: ${code(describeFailure(f))}`),
  ];
}

export function renderCompareTerminal(cmp: Comparison, color = false): string {
  const c = paint(color);
  const head = ['scenario', ...cmp.columns.map((k) => k.label)];
  const body = cmp.rows.map((r) => [r.scenario, ...r.cells.map(cellText)]);
  const score = ['score', ...cmp.columns.map((k) => `${k.level} ${k.score}/100`)];
  const widths = head.map((_, i) => Math.min(64, Math.max(...[head, score, ...body].map((row) => row[i]!.length))));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (row: string[], tint?: (s: string, i: number) => string) => row.map((s, i) => (tint ?? ((x) => x))(fit(s, widths[i]!), i)).join('  ').trimEnd();
  const tint = (r: Comparison['rows'][number]) => (s: string, i: number) => {
    const v = r.cells[i - 1]?.verdict;
    return i === 0 || !v ? s : v === 'pass' ? c.green(s) : v === 'fail' ? c.red(s) : v === 'unknown' ? c.yellow(s) : c.dim(s);
  };
  const out = [c.bold(line(head)), line(score), '', ...cmp.rows.map((r, k) => line(body[k]!, tint(r)))];
  const changes = changeLines(cmp, '  ', (s) => s);
  return [...out, ...(changes.length ? ['', ...changes] : [])].join('\n') + '\n';
}

export function renderCompareMarkdown(cmp: Comparison): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '## agentcheck: comparison',
    '',
    `| scenario | ${cmp.columns.map((k) => cell(k.label)).join(' | ')} |`,
    `|---|${cmp.columns.map(() => '---').join('|')}|`,
    `| **score** | ${cmp.columns.map((k) => `**${k.level} ${k.score}/100**`).join(' | ')} |`,
    ...cmp.rows.map((r) => `| ${cell(r.scenario)} | ${r.cells.map((x) => cell(cellText(x))).join(' | ')} |`),
  ];
  const changes = changeLines(cmp, '- ', (s) => `\`${s}\``);
  return [...lines, ...(changes.length ? ['', ...changes] : [])].join('\n') + '\n';
}

export function renderCompareHtml(cmp: Comparison): string {
  const head = `<tr><th>scenario</th>${cmp.columns.map((k) => `<th>${esc(k.label)}<br><span class="level ${k.level}" style="font-size:14px;padding:1px 6px">${k.level}</span> ${k.score}/100</th>`).join('')}</tr>`;
  const rows = cmp.rows.map((r) => `<tr><th><code>${esc(r.scenario)}</code></th>${r.cells.map((x) => `<td class="${x?.verdict ?? 'none'}"${x ? ` title="${esc(x.repro)}"` : ''}>${esc(cellText(x))}</td>`).join('')}</tr>`);
  const changes = changeLines(cmp, '', (s) => s);
  const list = changes.length ? `<h2>${esc(changes[0]!)}</h2><ul>${changes.slice(1).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '';
  return htmlPage('agentcheck: comparison', `<h1>agentcheck — comparison</h1><div class="scroll"><table class="cmp">${head}${rows.join('')}</table></div>${list}`);
}
