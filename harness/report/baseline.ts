import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { PROPERTY_IDS } from '../checkers/verdict.js';
import { UsageError } from '../errors.js';

// A baseline lists the failures a team already knows of, so the gate can be adopted
// before everything passes and then tightened: known failures do not fail the gate,
// new ones do, and fixed ones are named so they can come off the list (decision 0036).

/** One failure as a baseline keys it: a scenario and one of its properties (none: the case could not be judged at all). */
export const Failure = z.object({ scenario: z.string().min(1), property: z.enum(PROPERTY_IDS).optional() });
export type Failure = z.infer<typeof Failure>;

export const BaselineFile = z.object({
  version: z.literal(1),
  failures: z.array(Failure.extend({ note: z.string().optional() })),
});
export type BaselineFile = z.infer<typeof BaselineFile>;

/** What a run's failures were against the baseline. Only entries whose scenario ran can be known or fixed. */
export interface BaselineOutcome {
  file: string;
  known: Failure[];
  new: Failure[];
  fixed: Failure[];
}

export const sameFailure = (a: Failure, b: Failure) => a.scenario === b.scenario && a.property === b.property;
export const describeFailure = (f: Failure) => (f.property ? `${f.scenario} ${f.property}` : `${f.scenario} (not judged)`);

interface JudgedCase {
  id: string;
  verdict: string;
  properties: { id: (typeof PROPERTY_IDS)[number]; verdict: string }[];
}

/** Every failure of a run: each property that failed or was undecided, or the whole case when none says why. */
export function failuresOf(cases: readonly JudgedCase[]): Failure[] {
  return cases.flatMap((c): Failure[] => {
    if (c.verdict !== 'fail' && c.verdict !== 'unknown') return [];
    const bad = c.properties.filter((p) => p.verdict !== 'pass');
    return bad.length ? bad.map((p) => ({ scenario: c.id, property: p.id })) : [{ scenario: c.id }];
  });
}

/** Sort the run's failures into known and new, and the baseline's entries for scenarios that ran into fixed. */
export function compareWithBaseline(cases: readonly JudgedCase[], baseline: readonly Failure[], file: string): BaselineOutcome {
  const failures = failuresOf(cases);
  const ran = new Set(cases.filter((c) => c.verdict !== 'skipped').map((c) => c.id));
  const listed = (f: Failure) => baseline.some((b) => sameFailure(b, f));
  return {
    file,
    known: failures.filter(listed),
    new: failures.filter((f) => !listed(f)),
    fixed: baseline.filter((b) => ran.has(b.scenario) && !failures.some((f) => sameFailure(f, b))).map(({ scenario, property }) => ({ scenario, ...(property ? { property } : {}) })),
  };
}

/** Read a baseline file; a missing one is an empty baseline (the first --update-baseline writes it). */
export function readBaseline(file: string): Failure[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--baseline ${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = BaselineFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const expected = issue.path.at(-1) === 'property' ? `a property id (${PROPERTY_IDS.join(', ')})` : issue.message;
    throw new UsageError(`--baseline ${file}: ${where || '(top level)'}: expected ${expected}, as in {"version": 1, "failures": [{"scenario": "...", "property": "..."}]}`);
  }
  return parsed.data.failures.map(({ scenario, property }) => ({ scenario, ...(property ? { property } : {}) }));
}

/**
 * Write the run's failures as the new baseline. Entries for scenarios this run did not
 * execute are kept: a run of a few scenarios (or one shard) must not forget the rest.
 */
export function writeBaseline(file: string, cases: readonly JudgedCase[], previous: readonly Failure[]): Failure[] {
  const ran = new Set(cases.filter((c) => c.verdict !== 'skipped').map((c) => c.id));
  const failures = [...previous.filter((b) => !ran.has(b.scenario)), ...failuresOf(cases)].sort((a, b) => describeFailure(a).localeCompare(describeFailure(b)));
  const body: BaselineFile = { version: 1, failures };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  return failures;
}
