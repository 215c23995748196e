import type { Report } from '../harness/report/schema.js';
import { plural } from '../harness/report/words.js';
import { describeRepeats } from '../harness/report/repeats.js';
import { levelTitle } from '../harness/report/scorecard.js';
import { coverageLines } from '../harness/report/coverage.js';
import { paint } from './color.js';

/** The readable scorecard: categories, failing cases with evidence and the command that replays each. */
export function renderTerminal(report: Report, color = false): string {
  const c = paint(color);
  const out: string[] = [];
  const { scorecard } = report;
  out.push(c.bold(`agentcheck — ${report.adapter.name}${report.adapter.runtimeVersion ? ` (${report.adapter.runtimeVersion})` : ''}, seed ${report.seed}`));
  out.push('');
  const width = Math.max(...scorecard.categories.map((x) => x.title.length));
  for (const cat of scorecard.categories) {
    const ran = cat.passed + cat.failed + cat.unknown;
    const score = cat.score === null ? c.dim('  n/a') : (cat.score === 100 ? c.green : cat.score === 0 ? c.red : c.yellow)(`${String(cat.score).padStart(4)}%`);
    const counts = ran ? `${cat.passed}/${ran} passed` : '';
    const extra = [cat.unknown ? `${cat.unknown} unknown` : '', cat.skipped ? `${cat.skipped} skipped` : ''].filter(Boolean).join(', ');
    const note = cat.note ? c.dim(` — ${cat.note}`) : '';
    out.push(`  ${cat.title.padEnd(width)}  ${score}  ${counts}${extra ? ` (${extra})` : ''}${note}`);
  }
  out.push('');
  const levelColor = scorecard.level === 'L3' ? c.green : scorecard.level === 'L0' ? c.red : c.yellow;
  out.push(`  Score ${c.bold(String(scorecard.score))}/100   Level ${levelColor(`${scorecard.level} ${levelTitle(scorecard)}`)}`);

  if (report.coverage) out.push('', ...coverageLines(report.coverage).map((l, i) => (i === 0 ? c.bold(l) : l.startsWith('  Not exercised') ? c.yellow(l) : l)));

  // With --repeat, how often the race a fault sets up came about: a pass where only one
  // worker ever acted shows that the run resumed once, not how two workers would race.
  const shapes = report.cases.filter((x) => x.repeats?.observed);
  if (shapes.length) {
    out.push('', c.bold('How the runs met their faults'));
    for (const k of shapes) out.push(`  ${c.dim('·')} ${k.id}: in ${k.repeats!.observed} of ${k.repeats!.runs} runs ${k.observed!.join('; ')}`);
  }

  const bad = report.cases.filter((x) => x.verdict === 'fail' || x.verdict === 'unknown');
  if (bad.length) {
    out.push('');
    out.push(c.bold('Failing cases'));
    for (const k of bad) {
      out.push('');
      const often = describeRepeats(k);
      out.push(`  ${(k.verdict === 'fail' ? c.red : c.yellow)(k.verdict.toUpperCase())} ${k.id}${often ? ` (${often})` : ''}  ${c.dim(k.faults.join('; ') || 'no fault')}`);
      if (k.error) out.push(`    could not run: ${k.error}`);
      for (const n of k.notes ?? []) out.push(`    ${c.yellow('?')} ${n}`);
      for (const p of k.properties.filter((x) => x.verdict !== 'pass')) {
        const runs = k.repeats?.properties[p.id];
        out.push(`    ${p.verdict === 'fail' ? c.red('✗') : c.yellow('?')} ${p.id}${runs ? c.dim(` in ${runs.fail + runs.unknown} of ${k.repeats!.runs} runs`) : ''}`);
        for (const e of p.evidence.slice(0, 4)) out.push(`        ${e.message}`);
        if (p.evidence.length > 4) out.push(c.dim(`        ...${p.evidence.length - 4} more in the JSON report`));
      }
      out.push(c.dim(`    replay: ${k.repro}`));
      out.push(c.dim(`    record: ${k.dir}`));
    }
  }
  const counts = (v: string) => report.cases.filter((x) => x.verdict === v).length;
  out.push('');
  out.push(`${plural(report.cases.length, 'case')}: ${counts('pass')} passed, ${counts('fail')} failed, ${counts('unknown')} unknown, ${counts('skipped')} skipped in ${(report.durationMs / 1000).toFixed(1)} s${report.interrupted ? ' (interrupted)' : ''}`);
  out.push(`Gate: ${report.gate.passed ? c.green('passed') : c.red('failed')} — ${report.gate.reason}`);
  return out.join('\n') + '\n';
}
