import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadAdapter } from '../harness/load-adapter.js';
import { runSuite } from '../harness/run-suite.js';
import { selectScenarios } from '../harness/scenario/discover.js';
import type { Report } from '../harness/report/schema.js';
import type { PropertyId } from '../harness/checkers/verdict.js';
import type { Adapter } from '../harness/adapter.js';
import type { LedgerEvent } from '../harness/ledger/events.js';
import type { HistoryEvent } from '../harness/history.js';
import { agentcheck } from './cli.js';

/** Run built-in scenarios (ids or globs) on an adapter, in process, as `agentcheck run` would. */
export async function runBuiltIns(adapter: string | Adapter, patterns: string[] = [], opts: { seed?: number; concurrency?: number; repeat?: number; timeoutMs?: number } = {}): Promise<Report> {
  const a = typeof adapter === 'string' ? await loadAdapter(adapter) : adapter;
  const scenarios = await selectScenarios(patterns);
  return runSuite({
    adapter: a,
    adapterArg: typeof adapter === 'string' ? adapter : a.name,
    scenarios,
    sourceOf: (s) => s.id,
    seed: opts.seed ?? 7,
    outDir: mkdtempSync(join(tmpdir(), `agentcheck-${a.name}-`)),
    timeoutMs: opts.timeoutMs ?? 10_000,
    concurrency: opts.concurrency ?? 2,
    repeat: opts.repeat ?? 1,
  });
}

export function caseOf(report: Report, id: string): Report['cases'][number] {
  const found = report.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id} in the report (have: ${report.cases.map((c) => c.id).join(', ')})`);
  return found;
}

export function propertyOf(report: Report, caseId: string, property: PropertyId) {
  return caseOf(report, caseId).properties.find((p) => p.id === property);
}

/** The property failed in this case, and its evidence names the step. */
export function expectFailure(report: Report, caseId: string, property: PropertyId, step?: string): void {
  const p = propertyOf(report, caseId, property);
  expect(p?.verdict, `${caseId}: ${property}`).toBe('fail');
  if (step) expect(p!.evidence.map((e) => e.step), `${caseId}: ${property} evidence`).toContain(step);
}

/** Every case that ran passed, with every property it checked, or was left undecided by a race the harness cannot judge. */
export function expectAllPass(report: Report): void {
  // An answer that raced a restarted worker's start is undecided by design, not a false alarm (undecidedByRace).
  const bad = report.cases.filter((c) => c.verdict !== 'pass' && c.verdict !== 'skipped' && !undecidedByRace(c));
  expect(bad.map((c) => `${c.id}: ${c.verdict} ${c.error ?? ''} ${c.properties.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`).join('; ')}`)).toEqual([]);
  expect(report.cases.filter((c) => c.verdict === 'pass').length).toBeGreaterThan(0);
}

/**
 * The case is undecided only because a human's answer raced the runtime's recovery
 * (harness/checkers/decision-races.ts): the harness cannot tell either outcome from a
 * bug, so it says so. How often depends on how fast workers start, i.e. on the machine's
 * load: a test asserts what must hold either way, never that the race went one way.
 */
export function undecidedByRace(c: Report['cases'][number]): boolean {
  const open = c.properties.filter((p) => p.verdict !== 'pass');
  return c.verdict === 'unknown' && !c.error && open.length > 0 && open.every(raced);
}

/** A property undecided only because a human's answer raced the runtime's recovery (as undecidedByRace, for one property). */
export function raced(p: Report['cases'][number]['properties'][number]): boolean {
  return p.verdict === 'unknown' && p.evidence.every((e) => /race with the runtime's recovery|the runtime's to choose/.test(e.message));
}

/**
 * The case passed, or a human's answer raced the restarted worker's start
 * (undecidedByRace): for a case whose worker is killed while a decision is on its way,
 * on a loaded machine the restart can land near the approval's deadline.
 */
export function expectPassedUnlessRaced(report: Report, id: string): void {
  const c = caseOf(report, id);
  if (undecidedByRace(c)) return;
  expect(c.verdict, `${id}: ${c.properties.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`).join('; ')}`).toBe('pass');
}

/**
 * As expectPassedUnlessRaced, for LangGraph's functional API, whose interrupt stays
 * pending until the entrypoint returns: when the restarted worker comes back near or
 * after the deadline, the app's re-armed timeout and the human's retried answer can both
 * resume the wait, and both branches run (decision 0095; how often: the adapter pages).
 * What always holds: nothing else fails, and what ran beside the run's choice is a step
 * of the approval's branches (`branchSteps`), never anything else.
 */
export function expectPassedUnlessRacedOrResumedTwice(report: Report, id: string, branchSteps: string[]): void {
  const c = caseOf(report, id);
  const phantom = c.properties.find((p) => p.id === 'no-phantom-effects');
  if (phantom?.verdict !== 'fail') return expectPassedUnlessRaced(report, id);
  expect(phantom.evidence.map((e) => e.step).filter((s) => !branchSteps.includes(s ?? '')), `${id}: ${phantom.evidence.map((e) => e.message).join(' | ')}`).toEqual([]);
  const byRace = (p: (typeof c.properties)[number]) => p.verdict === 'unknown' && p.evidence.every((e) => /race with the runtime's recovery|the runtime's to choose/.test(e.message));
  const others = c.properties.filter((p) => p.verdict !== 'pass' && p.id !== 'no-phantom-effects' && !byRace(p));
  expect(others.map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`), id).toEqual([]);
}

/**
 * For a runtime that retries a write without an idempotency key, on a case where the
 * worker stalls past its call's timeout right after the write was applied
 * (`effect-safety/stall-past-client-timeout`). Whether the woken worker handles its
 * timeout or the answer waiting in its socket first is a race of its event loop
 * (frequencies: the adapter pages). What always holds: either the caller gave up, the
 * retry charged again and only effects-exactly-once says so, naming the charge; or the
 * answer was read, nothing was retried and the case passed.
 */
export function expectChargedAgainUnlessAnswerRead(report: Report, id: string, step: string): void {
  const c = caseOf(report, id);
  const failing = c.properties.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`);
  if (c.verdict === 'pass') return;
  expect(failing, id).toEqual([expect.stringMatching(new RegExp(`^effects-exactly-once: ${step} took effect 2 times: #1 .*its caller gave up before reading it`))]);
}

/** Each failing `traces` evidence of the report, as "<case>: <message>": what a runtime's spans did not show. */
export function tracesFindings(report: Report): string[] {
  return report.cases.flatMap((c) => {
    const p = propertyOf(report, c.id, 'traces');
    return p?.verdict === 'fail' ? p.evidence.map((e) => `${c.id}: ${e.message}`) : [];
  });
}

/** The worker processes and trace ids of a case's calls (a case run once), as the ledger recorded them. */
export function callTraces(report: Report, caseId: string): { pids: Set<number | undefined>; traces: Set<string | undefined> } {
  const [effects] = effectsOfRuns(report, caseId);
  return { pids: new Set(effects.map((e) => e.pid)), traces: new Set(effects.map((e) => e.trace?.traceId)) };
}

/** What the ledger recorded for each run of a case run with --repeat, in run order. */
export function effectsOfRuns(report: Report, caseId: string): LedgerEvent[][] {
  const c = caseOf(report, caseId);
  const runs = c.repeats?.runs ?? 1;
  const base = c.dir.replace(/\.run\d+$/, '');
  return Array.from({ length: runs }, (_, i) => {
    const file = join(runs > 1 ? `${base}.run${i + 1}` : c.dir, 'effects.jsonl');
    // An event written again (its caller abandoned it after it was recorded) holds in its later form, in its place.
    const bySeq = new Map<number, LedgerEvent>();
    for (const l of readFileSync(file, 'utf8').trim().split('\n')) bySeq.set((JSON.parse(l) as LedgerEvent).seq, JSON.parse(l) as LedgerEvent);
    return [...bySeq.values()];
  });
}

/**
 * `agentcheck run --adapter <adapter>` with a bad database URL in `env` stops before
 * any case: exit 2, one `agentcheck:` line matching `message`, no stack trace, and
 * `secret` (the password) nowhere in its output.
 */
export async function expectStopsBeforeAnyCase(adapter: string, env: Record<string, string>, message: RegExp, secret: string): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), `agentcheck-${adapter}-cli-`));
  const r = await agentcheck(['run', 'crash-recovery/crash-before-effect', '--adapter', adapter, '--out', out], env);
  expect(r.exitCode).toBe(2);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('agentcheck: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(out, 'cases'))).toBe(false);
  expect(r.stderr + r.stdout).not.toContain(secret);
}

/** Every worker of every case that ran started from a warm spare (its ready event says how long it waited), each a process of its own. */
export function expectEveryWorkerFromASpare(report: Report): void {
  const pids: number[] = [];
  for (const c of report.cases.filter((c) => c.verdict !== 'skipped')) {
    const events = readFileSync(join(c.dir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as HistoryEvent);
    const ready = events.flatMap((e) => (e.type === 'worker' && e.event === 'ready' ? [e] : []));
    for (const r of ready) expect(r.warmMs, c.id).toEqual(expect.any(Number));
    pids.push(...ready.map((r) => r.pid));
  }
  expect(pids.length).toBeGreaterThan(report.cases.length);
  expect(new Set(pids).size).toBe(pids.length);
}
