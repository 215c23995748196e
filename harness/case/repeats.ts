import { mergeVerdicts, PROPERTY_IDS, type PropertyResult } from '../checkers/verdict.js';
import type { CaseResult, CaseVerdict, Repeats } from '../report/case.js';

// `--repeat N` runs a case N times on the same seed. A real runtime is racy (two
// resumes at once may or may not both run the next step), so one run proves little
// either way: the merged case fails if any run failed, shows the evidence of the first
// run that did, and says how often each verdict came out.

/** One case out of its runs (in run order, at least one). */
export function mergeRepeats(runs: CaseResult[]): CaseResult {
  const first = runs[0];
  if (!first) throw new Error('mergeRepeats: no runs');
  if (runs.length === 1 || first.verdict === 'skipped') return first;
  const verdicts = { pass: 0, fail: 0, unknown: 0 };
  for (const r of runs) if (r.verdict !== 'skipped') verdicts[r.verdict]++;
  const verdict: CaseVerdict = verdicts.fail ? 'fail' : verdicts.unknown ? 'unknown' : 'pass';
  // The record, metrics and error shown are those of the first run with the merged verdict.
  const shown = runs.find((r) => r.verdict === verdict) ?? first;
  const properties: PropertyResult[] = [];
  const counts: Repeats['properties'] = {};
  for (const id of PROPERTY_IDS) {
    const seen = runs.map((r, i) => ({ run: i + 1, p: r.properties.find((p) => p.id === id) })).filter((x) => x.p);
    if (seen.length === 0) continue;
    const v = mergeVerdicts(seen.map((x) => x.p!.verdict));
    const fail = seen.filter((x) => x.p!.verdict === 'fail').length;
    const unknown = seen.filter((x) => x.p!.verdict === 'unknown').length;
    if (fail || unknown) counts[id] = { fail, unknown };
    const from = seen.find((x) => x.p!.verdict === v)!;
    const tag = v === 'pass' ? '' : `run ${from.run}/${runs.length}: `;
    properties.push({ id, verdict: v, evidence: from.p!.evidence.map((e) => ({ ...e, message: tag + e.message })) });
  }
  // What was observed is said from the first run it was observed in, however the shown run went.
  const idle = runs.filter((r) => r.observed?.length);
  const { observed: _shown, ...rest } = shown;
  return { ...rest, verdict, properties, ...(idle[0] ? { observed: idle[0].observed } : {}), repeats: { runs: runs.length, verdicts, properties: counts, ...(idle.length ? { observed: idle.length } : {}) } };
}
