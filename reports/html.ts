import { PROPERTY_IDS } from '../harness/report/case.js';
import { plural } from '../harness/report/words.js';
import { describeFailure } from '../harness/report/baseline.js';
import type { Report } from '../harness/report/schema.js';
import { describeRepeats } from '../harness/report/repeats.js';
import { levelTitle } from '../harness/report/scorecard.js';
import { escapeXml as esc } from './escape.js';
import { renderCoverage } from './html/coverage.js';
import { renderMatrix } from './html/matrix.js';
import { SCRIPT } from './html/script.js';
import { STYLE } from './html/style.js';
import { renderTimeline, timelineLegend } from './html/timeline.js';

type Case = Report['cases'][number];

/** An HTML page with the given body, styles and script inline: it opens from file:// and fetches nothing. */
export function htmlPage(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>${body}${script ? `<script>${script}</script>` : ''}</body></html>
`;
}

function renderCase(c: Case): string {
  const failing = c.properties.filter((p) => p.verdict !== 'pass').map((p) => p.id);
  const often = describeRepeats(c);
  const search = [c.id, c.description, ...c.faults].join(' ').toLowerCase();
  const summary = `<summary><span class="verdict ${c.verdict}">${c.verdict}</span><b>${esc(c.id)}</b>${often ? `<span class="muted">${esc(often)}</span>` : ''}<span class="muted">${esc(c.faults.join('; ') || 'no fault')}</span>${c.metrics ? `<span class="muted">${(c.metrics.durationMs / 1000).toFixed(1)} s</span>` : ''}</summary>`;
  const props = c.properties.map((p) => {
    const evidence = p.evidence.length ? `<ul>${p.evidence.map((e) => `<li>${esc(e.message)}</li>`).join('')}</ul>` : '';
    return `<div class="prop ${p.verdict}"><b>${p.verdict === 'pass' ? '✓' : p.verdict === 'fail' ? '✗' : '?'}</b> <code>${p.id}</code>${evidence}</div>`;
  });
  const m = c.metrics;
  const metrics = m ? `<p class="meta">retries ${m.retries} (at most ${m.maxRetriesPerEffect} per effect) · re-executed llm calls ${m.reExecutedLlmCalls} (${m.wastedTokens} tokens wasted) · worker starts ${m.workerStarts}${m.recoveryMs.length ? ` · recovery ${m.recoveryMs.join(', ')} ms` : ''}</p>` : '';
  const body = [
    `<p>${esc(c.description)}</p>`,
    c.skipReason ? `<p class="muted">skipped: ${esc(c.skipReason)}</p>` : '',
    c.error ? `<p><b>could not run:</b> ${esc(c.error)}</p>` : '',
    ...(c.notes ?? []).map((n) => `<p><b>undecided:</b> ${esc(n)}</p>`),
    ...(c.observed ?? []).map((n) => `<p class="meta">observed: ${esc(n)}</p>`),
    props.join(''),
    c.timeline ? `<div class="scroll">${renderTimeline(c.timeline)}</div>` : '',
    metrics,
    `<p class="meta">replay:</p><pre>${esc(c.repro)}</pre><p class="meta">record: <code>${esc(c.dir)}</code></p>`,
  ];
  return `<details class="case" data-verdict="${c.verdict}" data-category="${c.category}" data-properties="${c.properties.map((p) => p.id).join(' ')}" data-failing="${failing.join(' ')}" data-search="${esc(search)}">${summary}<div class="body">${body.join('')}</div></details>`;
}

function renderGate(report: Report): string {
  const g = report.gate;
  const fixed = g.baseline?.fixed.length ? `<p class="meta">Fixed since the baseline (tighten ${esc(g.baseline.file)}): ${g.baseline.fixed.map((f) => esc(describeFailure(f))).join(', ')}</p>` : '';
  return `<p class="gate ${g.passed ? 'passed' : 'failed'}"><b>Gate ${g.passed ? 'passed' : 'failed'}</b> — ${esc(g.reason)}</p>${fixed}`;
}

/**
 * The scorecard as one self-contained page: level and score, the categories, a
 * category × property matrix, and every case with its evidence, timeline and replay
 * command, filterable for runs of hundreds of cases.
 */
export function renderHtml(report: Report): string {
  const { scorecard } = report;
  const counts = (v: string) => report.cases.filter((c) => c.verdict === v).length;
  const bad = counts('fail') + counts('unknown');
  const categories = scorecard.categories.map((cat) => {
    const ran = cat.passed + cat.failed + cat.unknown;
    const bar = cat.score === null ? '' : `<span class="bar ${cat.score < 50 ? 'low' : cat.score < 100 ? 'mid' : ''}" style="width:${Math.max(2, cat.score)}px"></span>`;
    return `<tr><th>${esc(cat.title)}</th><td>${cat.score === null ? 'n/a' : `${cat.score}%`} ${bar}</td><td>${ran ? `${cat.passed}/${ran} passed` : ''}${cat.skipped ? ` (${cat.skipped} skipped)` : ''}</td><td class="muted">${esc(cat.note ?? '')}</td></tr>`;
  });
  const option = (value: string, label: string, selected = false) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const filters = `<div class="filters">
<label>verdict <select id="f-verdict">${option('all', 'all', bad === 0)}${option('bad', 'failed or undecided', bad > 0)}${['fail', 'unknown', 'pass', 'skipped'].map((v) => option(v, v)).join('')}</select></label>
<label>category <select id="f-category">${option('all', 'all')}${scorecard.categories.map((c) => option(c.id, c.title)).join('')}</select></label>
<label>property <select id="f-property">${option('all', 'all')}${PROPERTY_IDS.map((p) => option(p, p)).join('')}</select></label>
<label>search <input id="f-text" type="search" placeholder="case, fault, step"></label>
<span id="f-shown" class="muted"></span></div>`;
  const runtime = report.adapter.runtimeVersion ? ` (${report.adapter.runtimeVersion})` : '';
  const body = `
<h1>agentcheck — ${esc(report.adapter.name)}${esc(runtime)}</h1>
<p class="meta">seed ${report.seed} · started ${esc(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s · agentcheck ${esc(report.tool.version)}${report.shard ? ` · shard ${report.shard.index}/${report.shard.total}` : ''}${report.interrupted ? ' · <b>interrupted</b>' : ''}</p>
<div class="hero"><span class="level ${scorecard.level}">${scorecard.level}</span><div><div class="score">${scorecard.score}/100</div><div>${esc(levelTitle(scorecard))}</div></div>
<div>${plural(report.cases.length, 'case')}: ${counts('pass')} passed, ${counts('fail')} failed, ${counts('unknown')} undecided, ${counts('skipped')} skipped${renderGate(report)}</div></div>
<h2>Categories</h2><table>${categories.join('')}</table>
<h2>Properties by category</h2><p class="meta">Cases in which each property held; click a cell to list them.</p><div class="scroll">${renderMatrix(report)}</div>
${report.coverage ? `<h2 id="coverage">Coverage</h2>${renderCoverage(report.coverage)}` : ''}
<h2 id="cases">Cases</h2>${timelineLegend()}${filters}
${report.cases.map(renderCase).join('\n')}`;
  return htmlPage(`agentcheck: ${report.adapter.name} ${scorecard.level} ${scorecard.score}/100`, body, SCRIPT);
}
