import { coverageCount, uncovered, type Coverage } from '../../harness/report/coverage.js';
import { escapeXml as esc } from '../escape.js';

/**
 * The coverage matrix: one table per axis, a row per step or fault kind, a column per
 * place; a cell gives how many cases exercised it, and is marked where none did.
 */
export function renderCoverage(c: Coverage): string {
  const { covered, total } = coverageCount(c);
  const tables = c.axes.map((a) => {
    const places = [...new Set(a.rows.flatMap((r) => r.cells.map((x) => x.place)))];
    const head = `<tr><th>${esc(a.id)}</th>${places.map((p) => `<th>${esc(p)}</th>`).join('')}</tr>`;
    const rows = a.rows.map((r) => {
      const cells = places.map((p) => {
        const cell = r.cells.find((x) => x.place === p);
        if (!cell) return '<td class="none"></td>';
        return cell.cases ? `<td class="pass" title="${esc(`${r.id} ${p}: ${cell.cases} case(s)`)}">${cell.cases}</td>` : `<td class="fail" title="${esc(`${r.id} ${p}: not exercised`)}">0</td>`;
      });
      return `<tr><th>${esc(r.id)}</th>${cells.join('')}</tr>`;
    });
    return `<h3>${esc(a.title)}</h3><div class="scroll"><table class="matrix coverage">${head}${rows.join('')}</table></div>`;
  });
  const missing = uncovered(c);
  const list = missing.length ? `<p class="meta">Not exercised: ${missing.map(esc).join('; ')}</p>` : '';
  return `<p class="meta">${covered} of ${total} cells of the coverage model exercised by the ${c.of === 'run' ? "run's" : 'explored'} cases (docs/coverage.md).</p>${list}${tables.join('')}`;
}
