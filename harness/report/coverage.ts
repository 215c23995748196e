import { z } from 'zod';

// Coverage as the report carries it: the model's cells, laid out as the reporters print
// them, with how many cases exercised each. The model itself is harness/faults/coverage.ts;
// the report carries the layout so a saved report renders without it (decision 0040).

export const CoverageCell = z.object({ place: z.string(), cases: z.number().int().nonnegative() });
export const CoverageRow = z.object({ id: z.string(), cells: z.array(CoverageCell) });
export const CoverageAxis = z.object({ id: z.string(), title: z.string(), rows: z.array(CoverageRow) });
export const Coverage = z.object({
  /** What the counts are of: the cases of a run, or the cases explore generated. */
  of: z.enum(['run', 'explore']),
  axes: z.array(CoverageAxis),
});
export type Coverage = z.infer<typeof Coverage>;
export type CoverageAxis = z.infer<typeof CoverageAxis>;

/** Covered and total cells. */
export function coverageCount(c: Coverage): { covered: number; total: number } {
  const cells = c.axes.flatMap((a) => a.rows.flatMap((r) => r.cells));
  return { covered: cells.filter((x) => x.cases > 0).length, total: cells.length };
}

/** A cell as a reader names it: "fault position: process after-reject". */
export const cellName = (axis: CoverageAxis, row: string, place: string) => `${axis.id}: ${row} ${place}`;

/** The cells no case exercised, named. */
export function uncovered(c: Coverage): string[] {
  return c.axes.flatMap((a) => a.rows.flatMap((r) => r.cells.filter((x) => x.cases === 0).map((x) => cellName(a, r.id, x.place))));
}

/**
 * The compact matrix as plain lines: one line per row, each place with its case count,
 * or "-" for none; then the uncovered cells named. Terminal, Markdown and explore print it.
 */
export function coverageLines(c: Coverage): string[] {
  const { covered, total } = coverageCount(c);
  const out = [`Coverage: ${covered} of ${total} cells exercised by the ${c.of === 'run' ? "run's" : "explored"} cases`];
  const width = Math.max(...c.axes.flatMap((a) => a.rows.map((r) => r.id.length)));
  for (const a of c.axes) {
    const n = coverageCount({ of: c.of, axes: [a] });
    out.push(`  ${a.title} (${n.covered}/${n.total})`);
    for (const r of a.rows) out.push(`    ${r.id.padEnd(width)}  ${r.cells.map((x) => `${x.place} ${x.cases || '-'}`).join('  ')}`);
  }
  const missing = uncovered(c);
  // The matrix above already shows every "-": the line names the first few, not a screenful.
  if (missing.length) out.push(`  Not exercised: ${missing.slice(0, NAMED_AT_MOST).join('; ')}${missing.length > NAMED_AT_MOST ? `; …${missing.length - NAMED_AT_MOST} more (every one is in the matrix above and in report.json)` : ''}`);
  return out;
}

/** How many uncovered cells the plain-text summary names by name. */
const NAMED_AT_MOST = 8;

/** Shards' coverage as one: counts added cell by cell (the shards of one run share a model). */
export function mergeCoverage(parts: readonly (Coverage | undefined)[]): Coverage | undefined {
  const [first, ...rest] = parts;
  if (!first || rest.some((p) => !p)) return undefined;
  const count = (axis: string, row: string, place: string) =>
    parts.reduce((n, p) => n + (p!.axes.find((a) => a.id === axis)?.rows.find((r) => r.id === row)?.cells.find((c) => c.place === place)?.cases ?? 0), 0);
  return { ...first, axes: first.axes.map((a) => ({ ...a, rows: a.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ place: c.place, cases: count(a.id, r.id, c.place) })) })) })) };
}
