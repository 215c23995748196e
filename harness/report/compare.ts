import type { PropertyId } from '../checkers/verdict.js';
import type { Level } from './scorecard.js';
import { failuresOf, sameFailure, type Failure } from './baseline.js';
import type { Report } from './schema.js';

// `agentcheck compare`: several reports side by side, like a browser-compatibility
// table — runtimes, versions of one, or one runtime under different settings — by
// scenario and property. Renderers in reports/compare-*.ts draw this model.

export interface CompareCell {
  verdict: Report['cases'][number]['verdict'];
  /** Properties that failed or were undecided. */
  failing: PropertyId[];
  repro: string;
}

export interface Comparison {
  columns: { label: string; score: number; level: Level }[];
  rows: { scenario: string; category: string; cells: (CompareCell | undefined)[] }[];
  /** Between two runs of one adapter: what the second broke and what it fixed. */
  changes?: { from: string; to: string; regressions: Failure[]; fixes: Failure[] };
}

/** A column's name: the adapter; with the runtime version, then the file, where two would look alike. */
function labels(reports: readonly { file: string; report: Report }[]): string[] {
  const unique = (names: string[]) => names.every((n) => names.indexOf(n) === names.lastIndexOf(n));
  const names = reports.map(({ report }) => report.adapter.name);
  if (unique(names)) return names;
  const versions = reports.map(({ report }) => report.adapter.name + (report.adapter.runtimeVersion ? ` ${report.adapter.runtimeVersion}` : ''));
  return unique(versions) ? versions : reports.map(({ file, report }) => `${report.adapter.name} (${file})`);
}

export function compareReports(reports: readonly { file: string; report: Report }[]): Comparison {
  const names = labels(reports);
  const columns = reports.map(({ report }, i) => ({ label: names[i]!, score: report.scorecard.score, level: report.scorecard.level }));
  const order: { scenario: string; category: string }[] = [];
  for (const { report } of reports) for (const c of report.cases) if (!order.some((o) => o.scenario === c.id)) order.push({ scenario: c.id, category: c.category });
  order.sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0));
  const rows = order.map((o) => ({
    ...o,
    cells: reports.map(({ report }) => {
      const c = report.cases.find((x) => x.id === o.scenario);
      return c ? { verdict: c.verdict, failing: c.properties.filter((p) => p.verdict !== 'pass').map((p) => p.id), repro: c.repro } : undefined;
    }),
  }));
  const [a, b] = reports;
  const sameAdapter = reports.length === 2 && a!.report.adapter.name === b!.report.adapter.name;
  if (!sameAdapter) return { columns, rows };
  // Only scenarios both runs judged can regress or be fixed.
  const both = (r: Report) => r.cases.filter((c) => c.verdict !== 'skipped' && b!.report.cases.some((x) => x.id === c.id && x.verdict !== 'skipped') && a!.report.cases.some((x) => x.id === c.id && x.verdict !== 'skipped'));
  const before = failuresOf(both(a!.report));
  const after = failuresOf(both(b!.report));
  return {
    columns,
    rows,
    changes: { from: names[0]!, to: names[1]!, regressions: after.filter((f) => !before.some((x) => sameFailure(x, f))), fixes: before.filter((f) => !after.some((x) => sameFailure(x, f))) },
  };
}
