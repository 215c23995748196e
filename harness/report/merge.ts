import { UsageError } from '../errors.js';
import { scoreCases } from '../scorecard.js';
import { gateOptionsOf, judgeGate } from './gate.js';
import { Report } from './schema.js';
import { mergeCoverage } from './coverage.js';

/**
 * One report from the shards of a run (`agentcheck merge`): their cases together, one
 * scorecard over all of them, the gate judged again with the options the shards were
 * given. Shards must come from one adapter and seed, and none may be missing or
 * repeated: a merged report that silently lacks a shard would pass a gate it never ran.
 */
export function mergeReports(reports: readonly { file: string; report: Report }[]): Report {
  const first = reports[0];
  if (!first) throw new UsageError('merge takes at least one report');
  for (const { file, report } of reports) {
    if (report.adapter.name !== first.report.adapter.name) throw new UsageError(`${file}: adapter ${report.adapter.name}, but ${first.file} ran ${first.report.adapter.name}; merge combines shards of one run (compare runtimes with agentcheck compare)`);
    if (report.seed !== first.report.seed) throw new UsageError(`${file}: seed ${report.seed}, but ${first.file} has seed ${first.report.seed}; shards of one run share a seed`);
  }
  const total = first.report.shard?.total;
  if (total !== undefined) {
    const seen = new Map<number, string>();
    for (const { file, report } of reports) {
      if (report.shard?.total !== total) throw new UsageError(`${file}: ${report.shard ? `shard of ${report.shard.total}` : 'not a shard'}, but ${first.file} is a shard of ${total}`);
      const twice = seen.get(report.shard.index);
      if (twice) throw new UsageError(`${file}: shard ${report.shard.index}/${total} again (also ${twice})`);
      seen.set(report.shard.index, file);
    }
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (missing.length) throw new UsageError(`shard(s) ${missing.map((i) => `${i}/${total}`).join(', ')} missing: merge needs every shard's report`);
  }
  const owner = new Map<string, string>();
  for (const { file, report } of reports) {
    for (const c of report.cases) {
      const other = owner.get(c.id);
      if (other) throw new UsageError(`${file}: case ${c.id} is also in ${other}; shards do not overlap`);
      owner.set(c.id, file);
    }
  }
  const cases = reports.flatMap((r) => r.report.cases).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scorecard = scoreCases(cases, first.report.adapter.lacks);
  const interrupted = reports.some((r) => r.report.interrupted);
  const starts = reports.map((r) => Date.parse(r.report.startedAt));
  const ends = reports.map((r, i) => starts[i]! + r.report.durationMs);
  const { shard: _shard, coverage: _coverage, ...base } = first.report;
  // A shard from an agentcheck without coverage leaves the merged report without it: a partial count would understate it.
  const coverage = mergeCoverage(reports.map((r) => r.report.coverage));
  const judged = judgeGate(cases, scorecard, gateOptionsOf(reports.map((r) => r.report.gate)));
  const cut = reports.filter((r) => r.report.interrupted).map((r) => r.file);
  const gate = cut.length ? { ...judged, passed: false, reason: `interrupted: ${cut.join(', ')} did not finish` } : judged;
  return Report.parse({
    ...base,
    startedAt: new Date(Math.min(...starts)).toISOString(),
    // From the first shard's start to the last one's end: the wall-clock time of the whole run.
    durationMs: Math.max(...ends) - Math.min(...starts),
    interrupted,
    scorecard,
    gate,
    ...(coverage ? { coverage } : {}),
    cases,
  });
}
