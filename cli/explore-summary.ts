import { join } from 'node:path';
import { plural } from '../harness/report/words.js';
import { EXIT } from '../harness/errors.js';
import type { ExploreResult } from '../harness/explore/explore.js';
import type { LaneSummary } from '../harness/explore/auto-lanes.js';
import { DEFAULT_BUDGET_LINE } from '../harness/explore/options.js';
import { coverageLines } from '../harness/report/coverage.js';

/** What explore prints on stdout at the end: counts, undecided cases, and the failure or where the records are. */
export function exploreSummary(r: ExploreResult, o: { byDefault?: boolean } = {}): string {
  const c = r.cases;
  const head = `${plural(c.total, 'case')} on ${r.adapter} (seed ${r.seed}) in ${(r.searchMs / 1000).toFixed(1)} s, ${r.casesPerSecond.toFixed(2)} cases/s: ${c.passed} passed, ${c.failed} failed, ${c.unknown} undecided, ${c.skipped} skipped${r.interrupted ? ' (interrupted)' : r.timeUp ? ' (time limit reached)' : ''}${r.steered ? '' : ' (not steered)'}`;
  const undecided = r.undecided.map((u) => `  ? case ${u.path}: ${u.error ?? 'undecided'} (${u.dir})`);
  const lines = [head, ...(r.lanes ? [lanesLine(r.lanes)] : []), ...undecided, ...coverageLines(r.coverage)];
  if (r.ignored?.length) lines.push(`Not judged (--ignore): ${r.ignored.join(', ')}; a failure of ${r.ignored.length > 1 ? 'these' : 'this property'} in any case above went unseen.`);
  // What the default budget bought, beside the coverage above: a user who never chose a budget learns there is one.
  if (o.byDefault && !r.failure) lines.push(`Budget: ${DEFAULT_BUDGET_LINE}; give --runs or --time to explore longer.`);
  lines.push(r.failure ? r.failure.text : `No failure found. Records: ${join(r.outDir, 'explore.jsonl')}`);
  return lines.join('\n');
}

/** How many cases ran at once under --concurrency auto. */
function lanesLine(l: LaneSummary): string {
  return l.min === l.max ? `At once: ${l.min} case(s) throughout (--concurrency auto).` : `At once: from ${l.min} to ${l.max} cases, ${l.mean.toFixed(1)} on average (--concurrency auto, by how busy the machine was).`;
}

/** A failure, or a case undecided for a reason other than an error, fails the gate; an error alone means it could not run. */
export function exploreExitCode(r: ExploreResult): number {
  return r.failure || r.cases.unknown > r.cases.errors ? EXIT.gateFailed : r.cases.errors ? EXIT.couldNotRun : EXIT.passed;
}
