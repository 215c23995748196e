import { z } from 'zod';
import { PROPERTY_IDS, type PropertyId } from '../checkers/verdict.js';
import { UsageError } from '../errors.js';
import type { Level } from './scorecard.js';
import { compareWithBaseline, describeFailure, Failure, failuresOf, sameFailure, writeBaseline } from './baseline.js';

// The CI gate, decided in one place from the cases and the scorecard: every flag that
// moves it (--min-score, --min-level, --fail-on, --baseline) and its reason line.
// The report records what the gate was given, so `agentcheck merge` can judge it again.

export const LEVELS = ['L0', 'L1', 'L2', 'L3'] as const;

export const Gate = z.object({
  minScore: z.number().optional(),
  minLevel: z.enum(LEVELS).optional(),
  failOn: z.array(z.enum(PROPERTY_IDS)).optional(),
  baseline: z.object({ file: z.string(), known: z.array(Failure), new: z.array(Failure), fixed: z.array(Failure) }).optional(),
  passed: z.boolean(),
  reason: z.string(),
});
export type Gate = z.infer<typeof Gate>;

export interface GateOptions {
  minScore?: number;
  minLevel?: Level;
  failOn?: PropertyId[];
  baseline?: { file: string; failures: Failure[] };
}

interface JudgedCase {
  id: string;
  verdict: string;
  properties: { id: PropertyId; verdict: string }[];
}

const list = (fs: Failure[], most = 5) => fs.slice(0, most).map(describeFailure).join(', ') + (fs.length > most ? `, …${fs.length - most} more` : '');

/**
 * Without a flag every executed case must pass. --min-score and --min-level replace
 * that with a bar; --baseline replaces it with "no failure that is not listed";
 * --fail-on adds: none of these properties may fail (unless listed). An interrupted
 * run has not passed, whatever the cases that finished say: the rest never ran.
 */
export function judgeGate(cases: readonly JudgedCase[], scorecard: { score: number; level: Level }, opts: GateOptions = {}, interruptedOf?: number): Gate {
  const given = {
    ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
    ...(opts.minLevel ? { minLevel: opts.minLevel } : {}),
    ...(opts.failOn?.length ? { failOn: opts.failOn } : {}),
  };
  const baseline = opts.baseline ? compareWithBaseline(cases, opts.baseline.failures, opts.baseline.file) : undefined;
  const withBaseline = baseline ? { baseline } : {};
  if (interruptedOf !== undefined) return { ...given, ...withBaseline, passed: false, reason: `interrupted: ${cases.length} of ${interruptedOf} case(s) ran` };

  const checks: { ok: boolean; say: string }[] = [];
  const unlisted = baseline ? baseline.new : failuresOf(cases);
  if (baseline) {
    const fixed = baseline.fixed.length ? `; ${baseline.fixed.length} listed failure(s) fixed, tighten the baseline: ${list(baseline.fixed)}` : '';
    checks.push(baseline.new.length ? { ok: false, say: `${baseline.new.length} new failure(s) not in ${baseline.file}: ${list(baseline.new)}` } : { ok: true, say: `no new failure (${baseline.known.length} known in ${baseline.file}${fixed})` });
  } else if (opts.minScore === undefined && !opts.minLevel) {
    const bad = cases.filter((c) => c.verdict === 'fail' || c.verdict === 'unknown');
    checks.push({ ok: bad.length === 0, say: bad.length ? `${bad.length} case(s) failed or undecided (use --min-score to gate on the score instead)` : 'every case that ran passed' });
  }
  // A gate over cases that were all skipped checked nothing: green would be a verdict never earned.
  if (cases.length && cases.every((c) => c.verdict === 'skipped')) checks.push({ ok: false, say: `no case ran: all ${cases.length} skipped (the adapter lacks what they need); nothing was checked` });
  if (opts.minScore !== undefined) {
    const ok = scorecard.score >= opts.minScore;
    checks.push({ ok, say: `score ${scorecard.score} ${ok ? '>=' : '<'} --min-score ${opts.minScore}` });
  }
  if (opts.minLevel) {
    const ok = LEVELS.indexOf(scorecard.level) >= LEVELS.indexOf(opts.minLevel);
    checks.push({ ok, say: `level ${scorecard.level} ${ok ? 'reaches' : 'is below'} --min-level ${opts.minLevel}` });
  }
  if (opts.failOn?.length) {
    const hit = unlisted.filter((f) => f.property && opts.failOn!.includes(f.property));
    checks.push({ ok: hit.length === 0, say: hit.length ? `--fail-on: ${list(hit)}` : `none of ${opts.failOn.join(', ')} failed` });
  }
  const failed = checks.filter((c) => !c.ok);
  return { ...given, ...withBaseline, passed: failed.length === 0, reason: (failed.length ? failed : checks).map((c) => c.say).join('; ') };
}

/** The options a report's gate was judged with, to judge a merged report the same way. */
export function gateOptionsOf(gates: readonly Gate[]): GateOptions {
  const first = gates[0];
  if (!first) return {};
  const listed: Failure[] = [];
  for (const g of gates) for (const f of [...(g.baseline?.known ?? []), ...(g.baseline?.fixed ?? [])]) if (!listed.some((x) => sameFailure(x, f))) listed.push(f);
  return {
    ...(first.minScore !== undefined ? { minScore: first.minScore } : {}),
    ...(first.minLevel ? { minLevel: first.minLevel } : {}),
    ...(first.failOn ? { failOn: first.failOn } : {}),
    ...(first.baseline ? { baseline: { file: first.baseline.file, failures: listed } } : {}),
  };
}

/** `--min-level L2`, checked with a message that says what is accepted. */
export function parseLevel(v: string): Level {
  const level = v.toUpperCase();
  if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--min-level takes one of ${LEVELS.join(', ')}, not "${v}"`);
  return level as Level;
}

/** `--fail-on effects-exactly-once,approval-integrity`, each a property id. */
export function parsePropertyIds(v: string, flag = '--fail-on'): PropertyId[] {
  const ids = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = ids.filter((id) => !(PROPERTY_IDS as readonly string[]).includes(id));
  if (bad.length || ids.length === 0) throw new UsageError(`${flag} takes property ids (${PROPERTY_IDS.join(', ')}), not "${bad[0] ?? v}"`);
  return ids as PropertyId[];
}

/**
 * `--update-baseline`: the run's failures become the baseline, written to `file`, and
 * the gate is judged again against it, so the run that writes a baseline passes it.
 */
export function adoptBaseline<R extends { cases: JudgedCase[]; scorecard: { score: number; level: Level }; gate: Gate }>(report: R, file: string, previous: readonly Failure[]): R {
  const failures = writeBaseline(file, report.cases, previous);
  return { ...report, gate: judgeGate(report.cases, report.scorecard, { ...gateOptionsOf([report.gate]), baseline: { file, failures } }) };
}
