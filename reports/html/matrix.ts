import { PROPERTY_IDS } from '../../harness/report/case.js';
import type { Report } from '../../harness/report/schema.js';
import { escapeXml as esc } from '../escape.js';

/**
 * Category × property: in how many of a category's cases each property held. A cell
 * is a button that filters the case list to it; an empty cell was never judged there.
 */
export function renderMatrix(report: Report): string {
  const used = PROPERTY_IDS.filter((id) => report.cases.some((c) => c.properties.some((p) => p.id === id)));
  const head = `<tr><th>category</th>${used.map((id) => `<th><code>${id}</code></th>`).join('')}</tr>`;
  const rows = report.scorecard.categories.map((cat) => {
    const cases = report.cases.filter((c) => c.category === cat.id);
    const cells = used.map((id) => {
      const judged = cases.flatMap((c) => c.properties.filter((p) => p.id === id));
      if (judged.length === 0) return '<td class="none"></td>';
      const passed = judged.filter((p) => p.verdict === 'pass').length;
      const failed = judged.filter((p) => p.verdict === 'fail').length;
      const cls = failed ? 'fail' : passed < judged.length ? 'unknown' : 'pass';
      return `<td class="${cls}"><button type="button" data-category="${cat.id}" data-property="${id}" title="${esc(`${cat.title}, ${id}: held in ${passed} of ${judged.length} case(s)`)}">${passed}/${judged.length}</button></td>`;
    });
    return `<tr><th>${esc(cat.title)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}
