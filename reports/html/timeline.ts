import type { Timeline, TimelineEffect, TimelineEvent } from '../../harness/report/timeline.js';
import { escapeXml as esc } from '../escape.js';

// A case's timeline as one SVG, in the manner of Jepsen's timeline.html: one lane per
// worker process on a shared time axis, each effect attempt a bar from the ledger
// receiving it to its answer, the harness's operations and the humans' decisions in a
// lane of their own, and every fault a line across all lanes. Drawn here, not in the
// browser: the page needs no script to show it, and a test can read it.

const WIDTH = 960;
const GUTTER = 150;
const PLOT = WIDTH - GUTTER - 12;
const ROW = 16;
const CHAR = 6.2;

const outcomeClass = (e: TimelineEffect) => (e.repeated ? 'repeated' : e.outcome);

/** Lays out labelled items left to right in as few rows as keep them from overlapping. */
function pack<T>(items: T[], span: (x: T) => [number, number]): Map<T, number> {
  const rowEnds: number[] = [];
  const rows = new Map<T, number>();
  for (const item of items) {
    const [from, to] = span(item);
    let row = rowEnds.findIndex((end) => end <= from);
    if (row === -1) row = rowEnds.push(0) - 1;
    rowEnds[row] = to + 4;
    rows.set(item, row);
  }
  return rows;
}

function ticks(endMs: number): number[] {
  const step = [50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000].find((s) => endMs / s <= 10) ?? 120_000;
  return Array.from({ length: Math.floor(endMs / step) + 1 }, (_, i) => i * step);
}

/** Where a label goes: right of `right`, or ending at `left` where it would run off the right edge. */
function place(right: number, left: number, text: string): { x: number; end: boolean; from: number; to: number } {
  const w = text.length * CHAR;
  return right + w <= WIDTH - 2 ? { x: right, end: false, from: right, to: right + w } : { x: left, end: true, from: left - w, to: left };
}

const label = (p: ReturnType<typeof place>, y: number, text: string) => `<text x="${p.x}" y="${y}"${p.end ? ' text-anchor="end"' : ''}>${esc(text)}</text>`;

/** "run 2 " before what a run did, in a case of several runs; nothing otherwise. */
const runOf = (e: { run?: number }) => (e.run ? `run ${e.run} ` : '');

const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(t % 1000 ? 1 : 0)} s` : `${t} ms`);

function describeEffect(e: TimelineEffect): string {
  const what = `${runOf(e)}${e.step} #${e.attempt}: ${e.repeated ? 'REPEATED — ' : ''}${e.outcome}`;
  const how = [e.kind === 'tool' ? (e.write ? 'write' : 'read') : e.kind, e.keyed ? 'idempotency key' : e.kind === 'tool' ? 'no idempotency key' : '', e.pid ? `pid ${e.pid}` : ''].filter(Boolean).join(', ');
  const span = e.span ? ` — span ${e.span.id} in trace ${e.span.trace.slice(0, 8)}…${e.span.seen ? '' : ', never received by the collector'}` : '';
  return `${what} (${how}) +${e.at}..+${e.end} ms${span}`;
}

function describeOp(e: Extract<TimelineEvent, { type: 'op' }>): string {
  const what = runOf(e) + (e.op === 'deliver-approval' ? `${e.decision ?? 'answer'} ${e.step ?? ''}` : e.op);
  return `${what} ${e.phase}${e.detail ? `: ${e.detail}` : ''}`;
}

/** The SVG for one case's timeline; its height follows the number of workers and overlaps. */
export function renderTimeline(t: Timeline): string {
  const lastAt = Math.max(t.endMs, ...t.effects.map((e) => e.end), ...t.events.map((e) => e.at), 1);
  const x = (at: number) => GUTTER + (Math.max(0, at) / lastAt) * PLOT;
  const parts: string[] = [];
  let y = 4;

  // Faults: a labelled line across every lane.
  const faults = t.events.filter((e): e is Extract<TimelineEvent, { type: 'fault' }> => e.type === 'fault');
  const faultRows = pack(faults, (f) => [x(f.at), x(f.at) + f.action.length * CHAR + 14]);
  const faultHeight = Math.max(1, ...[...faultRows.values()].map((r) => r + 1)) * ROW;
  parts.push(`<text class="lane" x="4" y="${y + 12}">faults</text>`);
  const faultLabels = faults.map((f) => `<g class="fault"><title>${esc(`fault ${f.fault + 1}: ${f.action}${f.detail ? ` — ${f.detail}` : ''} at +${f.at} ms`)}</title><text x="${x(f.at) + 3}" y="${y + faultRows.get(f)! * ROW + 12}">⚡ ${esc(f.action)}</text></g>`);
  y += faultHeight + 4;

  // The harness and the humans: runs started, approvals delivered, results awaited.
  // A delivery retried while no worker takes it is one mark, "failed ×N", not N marks.
  type OpEvent = Extract<TimelineEvent, { type: 'op' }>;
  const ops: { o: OpEvent; times: number; until: number }[] = [];
  for (const o of t.events.filter((e): e is OpEvent => e.type === 'op' && e.phase !== 'invoke')) {
    const last = ops.at(-1);
    if (last && o.phase === 'fail' && last.o.phase === 'fail' && last.o.op === o.op && last.o.step === o.step && last.o.decision === o.decision && last.o.run === o.run) {
      last.times++;
      last.until = o.at;
    } else ops.push({ o, times: 1, until: o.at });
  }
  const opLabel = ({ o, times }: (typeof ops)[number]) =>
    (runOf(o) + (o.op === 'deliver-approval' ? `${o.decision ?? ''} ${o.step ?? ''}${o.phase === 'ok' ? '' : ` ${o.phase}`}` : o.op === 'await-result' ? `result: ${o.detail ?? o.phase}` : `${o.op} ${o.phase}`)).slice(0, 60) + (times > 1 ? ` ×${times}` : '');
  const opPlace = (g: (typeof ops)[number]) => place(x(g.until) + 8, x(g.o.at) - 8, opLabel(g));
  const opRows = pack(ops, (g) => [Math.min(x(g.o.at) - 5, opPlace(g).from), Math.max(x(g.until) + 5, opPlace(g).to)]);
  const opHeight = Math.max(1, ...[...opRows.values()].map((r) => r + 1)) * ROW;
  parts.push(`<line class="sep" x1="0" x2="${WIDTH}" y1="${y - 2}" y2="${y - 2}"/><text class="lane" x="4" y="${y + 12}">harness, humans</text>`);
  for (const g of ops) {
    const { o } = g;
    const cy = y + opRows.get(g)! * ROW + 8;
    const cls = o.op === 'deliver-approval' && o.phase === 'ok' ? `decision ${o.decision === 'reject' ? 'reject' : 'approve'}` : `op ${o.phase}`;
    const span = g.times > 1 ? `<line class="retries" x1="${x(o.at)}" x2="${x(g.until)}" y1="${cy}" y2="${cy}"/>` : '';
    const when = g.times > 1 ? `${g.times} times, +${o.at}..+${g.until} ms` : `at +${o.at} ms`;
    parts.push(`<g class="${cls}"><title>${esc(`${describeOp(o)} ${when}`)}</title>${span}<path d="M${x(o.at)} ${cy - 5}l5 5l-5 5l-5 -5z"/>${label(opPlace(g), cy + 4, opLabel(g))}</g>`);
  }
  y += opHeight + 4;

  // One lane per worker process, in the order they appeared.
  const pids: number[] = [];
  for (const e of [...t.events.filter((e) => e.type === 'worker').map((e) => (e as { pid: number }).pid), ...t.effects.map((e) => e.pid ?? 0)]) if (e > 0 && !pids.includes(e)) pids.push(e);
  if (t.effects.some((e) => !e.pid)) pids.push(0);
  pids.forEach((pid, index) => {
    const mine = t.effects.filter((e) => (e.pid ?? 0) === pid);
    const effectLabel = (e: TimelineEffect) => `${e.run ? `r${e.run} ` : ''}${e.step} #${e.attempt}`;
    const barEnd = (e: TimelineEffect) => x(e.at) + Math.max(3, x(e.end) - x(e.at));
    const effectPlace = (e: TimelineEffect) => place(barEnd(e) + 3, x(e.at) - 3, effectLabel(e));
    const rows = pack(mine, (e) => [Math.min(x(e.at), effectPlace(e).from), Math.max(barEnd(e), effectPlace(e).to)]);
    const height = Math.max(1, ...[...rows.values()].map((r) => r + 1)) * ROW + 6;
    const life = t.events.filter((e): e is Extract<TimelineEvent, { type: 'worker' }> => e.type === 'worker' && e.pid === pid);
    const born = life.find((e) => e.event === 'ready')?.at ?? mine[0]?.at ?? 0;
    const died = life.find((e) => e.event === 'killed' || e.event === 'exited' || e.event === 'stopped')?.at ?? lastAt;
    parts.push(`<line class="sep" x1="0" x2="${WIDTH}" y1="${y - 2}" y2="${y - 2}"/>`);
    parts.push(`<text class="lane" x="4" y="${y + 12}">${pid ? `worker ${index + 1} · pid ${pid}` : 'no pid'}</text>`);
    if (pid) parts.push(`<rect class="life" x="${x(born)}" y="${y + height / 2 - 1}" width="${Math.max(1, x(died) - x(born))}" height="2"><title>pid ${pid} alive +${born}..+${died} ms</title></rect>`);
    for (const f of life.filter((e) => e.event === 'frozen')) {
      const thaw = life.find((e) => e.event === 'thawed' && e.at >= f.at)?.at ?? died;
      parts.push(`<rect class="frozen" x="${x(f.at)}" y="${y}" width="${Math.max(2, x(thaw) - x(f.at))}" height="${height - 4}"><title>${esc(`frozen (SIGSTOP) +${f.at}..+${thaw} ms${f.detail ? `: ${f.detail}` : ''}`)}</title></rect>`);
    }
    for (const e of mine) {
      const ey = y + rows.get(e)! * ROW + 2;
      const w = Math.max(3, x(e.end) - x(e.at));
      // Its span beside it: a dot where the collector received it, a ring where it never did.
      const span = e.span ? `<circle class="span ${e.span.seen ? 'seen' : 'missing'}" cx="${x(e.at) - 4}" cy="${ey + 5.5}" r="2.5"/>` : '';
      parts.push(`<g class="effect ${outcomeClass(e)}${e.write ? ' write' : ''}"><title>${esc(describeEffect(e))}</title><rect x="${x(e.at)}" y="${ey}" width="${w}" height="11" rx="2"/>${span}${label(effectPlace(e), ey + 9, effectLabel(e))}</g>`);
    }
    for (const k of life.filter((e) => e.event === 'killed' || e.event === 'exited')) {
      parts.push(`<g class="kill"><title>${esc(`${k.event} +${k.at} ms${k.detail ? `: ${k.detail}` : ''}`)}</title><text x="${x(k.at) - 5}" y="${y + height / 2 + 5}">✕</text></g>`);
    }
    y += height + 4;
  });

  const axisY = y + 2;
  const grid = ticks(lastAt).map((at) => `<line class="grid" x1="${x(at)}" x2="${x(at)}" y1="0" y2="${axisY}"/><text class="tick" x="${x(at)}" y="${axisY + 12}">${ms(at)}</text>`);
  const faultLines = faults.map((f) => `<line class="fault-line" x1="${x(f.at)}" x2="${x(f.at)}" y1="0" y2="${axisY}"/>`);
  const height = axisY + 18;
  return `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="timeline">${grid.join('')}${faultLines.join('')}${faultLabels.join('')}${parts.join('')}</svg>`;
}

/** The legend shared by every timeline on a page. */
export function timelineLegend(): string {
  const items: [string, string][] = [['applied', 'applied'], ['deduplicated', 'deduplicated (idempotency key)'], ['response-lost', 'applied, response lost'], ['failed', 'failed'], ['refused', 'refused'], ['repeated', 'repeated: took effect again'], ['frozen', 'frozen worker'], ['fault-key', 'fault']];
  const marks = ['✕ worker killed', '◆ harness operation or human decision', '● its span received, ○ its span never received (traced runtimes)'];
  return `<p class="legend">${[...items.map(([cls, label]) => `<span class="key ${cls}"></span>${label}`), ...marks].map((x) => `<span class="item">${x}</span>`).join(' ')}</p>`;
}
