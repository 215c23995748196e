import type { Report } from '../harness/report/schema.js';
import { escapeXml } from './escape.js';

// A README badge in the shields.io "flat" look, drawn here: a README on GitHub shows a
// committed SVG, and no badge service needs to see the report.

const LEVEL_COLORS: Record<Report['scorecard']['level'], string> = { L0: '#e05d44', L1: '#fe7d37', L2: '#dfb317', L3: '#4c1' };

/** Width of Verdana 11px text, near enough: shields measures the same way. */
const textWidth = (s: string) => Math.round([...s].reduce((w, ch) => w + (/[il.,:|' ]/.test(ch) ? 3.5 : /[mwMW]/.test(ch) ? 9.5 : /[A-Z0-9/]/.test(ch) ? 7.5 : 6.5), 0)) + 10;

/** "agentcheck | L3 100/100", coloured by level. */
export function renderBadge(report: Report): string {
  const label = 'agentcheck';
  const value = `${report.scorecard.level} ${report.scorecard.score}/100`;
  const lw = textWidth(label);
  const vw = textWidth(value);
  const w = lw + vw;
  const color = LEVEL_COLORS[report.scorecard.level];
  const title = escapeXml(`agentcheck: ${report.adapter.name} ${value}`);
  // Ids of their own, so two badges inlined in one page do not share a clip path.
  const id = `agentcheck-${report.scorecard.level}-${report.scorecard.score}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}">
<title>${title}</title>
<linearGradient id="${id}-s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="${id}-r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#${id}-r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#${id}-s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${label}</text><text x="${lw / 2}" y="14">${label}</text>
<text x="${lw + vw / 2}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(value)}</text><text x="${lw + vw / 2}" y="14">${escapeXml(value)}</text>
</g>
</svg>
`;
}
