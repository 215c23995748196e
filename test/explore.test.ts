import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreSummary } from '../cli/explore-summary.js';
import { explore, type ExploreResult } from '../harness/explore/explore.js';
import { DEFAULT_BUDGET_LINE, EXPLORE_DEFAULTS } from '../harness/explore/options.js';
import { ExplorationFailed, exploreInVitest } from '../harness/explore/vitest.js';
import type { RanCase } from '../harness/explore/run-generated.js';
import { loadAdapter } from '../harness/load-adapter.js';
import { Report } from '../harness/report/schema.js';
import { loadScenarioFile } from '../harness/scenario/load.js';
import { processesUsing } from './hostile.js';

const bin = join(import.meta.dirname, '..', 'bin', 'agentcheck.js');
const agentcheck = (args: string[]) => execa(process.execPath, [bin, ...args], { reject: false, env: { NO_COLOR: '1' } });
const tmp = () => mkdtempSync(join(tmpdir(), 'agentcheck-explore-'));
/** "npx agentcheck explore --adapter naive --seed 1 --path "4:1"" → the arguments after `agentcheck`. */
const argsOf = (command: string) => [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]).slice(2);
const failedIn = (r: { properties: { id: string; verdict: string }[] }) => r.properties.filter((p) => p.verdict === 'fail').map((p) => p.id).sort();

const REFERENCE_SEED = 20_251_126;
const REFERENCE_RUNS = 25;

describe('explore on the reference runtime', () => {
  const seen = new Map<string, { scenario: string; verdict: string }>();
  const record = (into: Map<string, { scenario: string; verdict: string }>) => (c: RanCase) =>
    into.set(c.record.path, { scenario: JSON.stringify({ plan: c.scenario.plan, decisions: c.scenario.decisions, faults: c.scenario.faults }), verdict: c.result.verdict });

  it(`passes ${REFERENCE_RUNS} generated cases: no failure, nothing undecided, every case streamed`, async () => {
    const outDir = tmp();
    const r: ExploreResult = await explore({ adapter: await loadAdapter('reference'), seed: REFERENCE_SEED, runs: REFERENCE_RUNS, concurrency: 2, outDir, onCaseEnd: record(seen) });
    const bad = r.undecided.map((u) => `${u.path}: ${u.error ?? u.verdict} ${u.dir}`);
    expect(r.failure?.text, 'the reference runtime failed a generated case: a generator or harness bug').toBeUndefined();
    expect(bad).toEqual([]);
    expect(r.cases).toMatchObject({ total: REFERENCE_RUNS, passed: REFERENCE_RUNS, failed: 0, unknown: 0, skipped: 0, errors: 0 });
    const lines = readFileSync(join(outDir, 'explore.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; verdict: string });
    expect(lines.map((l) => l.path).sort()).toEqual([...seen.keys()].sort());
    expect(existsSync(join(outDir, 'summary.json'))).toBe(true);
    // The generated cases are not trivial: faults were injected.
    const faulted = [...seen.values()].filter((v) => JSON.parse(v.scenario).faults.length > 0).length;
    expect(faulted).toBeGreaterThan(REFERENCE_RUNS / 2);
  });

  // Seed 334 puts a second worker in each of its 8 cases, at every kind of anchor: before,
  // during and after an effect, while waiting for an approval, halfway through a sleep.
  it('passes generated second-worker cases, and the second worker really started in each', async () => {
    const struck: string[] = [];
    const anchors = new Set<string>();
    const started: string[] = [];
    const onCaseEnd = (c: RanCase) => {
      const fault = c.scenario.faults.find((f) => f.kind === 'second-worker');
      if (!fault) return;
      struck.push(c.record.path);
      anchors.add(fault.at);
      const history = readFileSync(join(c.result.dir, 'history.jsonl'), 'utf8');
      if (history.includes('"action":"second-worker"') && !history.includes('"action":"second-worker-failed"')) started.push(c.record.path);
    };
    const r = await explore({ adapter: await loadAdapter('reference'), seed: 334, runs: 8, faultKinds: ['second-worker'], concurrency: 2, outDir: tmp(), onCaseEnd });
    expect(r.failure?.text, 'the reference runtime failed a generated second-worker case: a generator or harness bug').toBeUndefined();
    expect(r.undecided.map((u) => `${u.path}: ${u.error ?? u.verdict} ${u.dir}`)).toEqual([]);
    expect(r.cases).toMatchObject({ total: 8, passed: 8 });
    expect([...anchors].sort()).toEqual(['after-effect', 'before-effect', 'during-effect', 'sleeping', 'waiting']);
    expect(started.sort()).toEqual(struck.sort());
  });

  it('with --concurrency auto: never more cases at once than its limit, and says how many ran', async () => {
    let running = 0;
    let most = 0;
    const outDir = tmp();
    const r = await explore({
      adapter: await loadAdapter('reference'),
      seed: REFERENCE_SEED,
      runs: 8,
      concurrency: 'auto',
      autoLanes: { start: 1, min: 1, max: 2 },
      outDir,
      reporters: [{ onCaseStart: () => void (most = Math.max(most, ++running)), onCaseEnd: () => void running-- }],
    });
    expect(r.cases).toMatchObject({ total: 8, passed: 8 });
    expect(most).toBeLessThanOrEqual(2);
    expect(r.lanes!.min).toBeGreaterThanOrEqual(1);
    expect(r.lanes!.max).toBeLessThanOrEqual(2);
    expect(r.lanes!.mean).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')).lanes).toEqual(r.lanes);
    expect(exploreSummary(r)).toMatch(/^At once: .*\(--concurrency auto/m);
  });

  it('gives the same scenarios and verdicts for the same seed', async () => {
    const again = new Map<string, { scenario: string; verdict: string }>();
    await explore({ adapter: await loadAdapter('reference'), seed: REFERENCE_SEED, runs: 10, concurrency: 2, outDir: tmp(), onCaseEnd: record(again) });
    expect(again.size).toBe(10);
    for (const [path, v] of again) expect(v, `case ${path}`).toEqual(seen.get(path));
  });
});

describe('explore on the naive runtime', () => {
  let found: ExploreResult | undefined;

  it('finds a failure within 30 runs and shrinks it to at most 2 steps and 1 fault', async () => {
    found = await explore({ adapter: await loadAdapter('naive'), adapterArg: 'naive', seed: 11, runs: 30, concurrency: 2, shrinkTimeMs: 120_000, outDir: tmp() });
    const f = found.failure;
    expect(f, 'no failure found on the known-bad runtime').toBeDefined();
    expect(f!.found.runs).toBeLessThanOrEqual(30);
    expect(f!.minimal.steps).toBeLessThanOrEqual(2);
    expect(f!.minimal.faults).toBeLessThanOrEqual(1);
    expect(f!.minimal.result.verdict).toBe('fail');
    expect(f!.text).toContain(f!.replay.explore);
    // The scenario file is a valid scenario, identical to the minimal case.
    const s = await loadScenarioFile(f!.minimal.file);
    expect({ id: s.id, plan: s.plan, decisions: s.decisions, faults: s.faults }).toEqual({ id: f!.minimal.scenario.id, plan: f!.minimal.scenario.plan, decisions: f!.minimal.scenario.decisions, faults: f!.minimal.scenario.faults });
  });

  // "The same way" as the shrinker means it: a failure of one of the same properties.
  // The naive runtime is racy (two starts at once may or may not overlap), so a
  // replay may fail one property more or fewer; it never fails none of them.
  it('the printed replay commands reproduce it: same case, failing the same way', async () => {
    const f = found?.failure;
    if (!f) throw new Error('needs the failure found above');
    const want = failedIn(f.minimal.result);

    const replay = await agentcheck([...argsOf(f.replay.explore), '--out', tmp()]);
    expect(replay.exitCode, replay.stderr).toBe(1);
    expect(replay.stdout).toContain(`Case ${f.minimal.path} of seed ${found!.seed} on naive: fail`);
    expect(want.filter((p) => replay.stdout.includes(`✗ ${p}`))).not.toEqual([]);

    const out = tmp();
    const run = await agentcheck([...argsOf(f.replay.run), '--reporter', 'json', '--out', out]);
    expect(run.exitCode, run.stderr).toBe(1);
    const report = Report.parse(JSON.parse(run.stdout));
    expect(report.cases).toHaveLength(1);
    expect(report.cases[0].id).toBe(f.minimal.scenario.id);
    expect(failedIn(report.cases[0]).filter((p) => want.includes(p))).not.toEqual([]);
  });
});

describe('agentcheck explore (CLI)', () => {
  it('exits 0 when nothing fails, and prints the summary', async () => {
    const r = await agentcheck(['explore', '--runs', '3', '--seed', '5', '--out', tmp()]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3 cases on reference \(seed 5\)/);
    expect(r.stdout).toContain('No failure found');
    // What the cases exercised, and what none did (docs/coverage.md).
    expect(r.stdout).toMatch(/Coverage: \d+ of \d+ cells exercised by the explored cases/);
    expect(r.stdout).toContain('Not exercised:');
  });

  it('SIGINT keeps every finished case: exit 130, explore.jsonl and summary.json written, no worker left; the default budget is named', async () => {
    const out = tmp();
    // No --runs: the default budget, which explore names at its start and beside the coverage it bought.
    const run = execa(process.execPath, [bin, 'explore', '--seed', '8', '--out', out], { reject: false, env: { NO_COLOR: '1' } });
    const jsonl = join(out, 'explore.jsonl');
    const lines = () => (existsSync(jsonl) ? readFileSync(jsonl, 'utf8').trim().split('\n').filter(Boolean) : []);
    for (const end = Date.now() + 60_000; lines().length < 2 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode).toBe(130);
    const done = lines().map((l) => JSON.parse(l) as { verdict: string });
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.length).toBeLessThan(EXPLORE_DEFAULTS.runs);
    expect(r.stderr).toContain(`exploring ${DEFAULT_BUDGET_LINE} on reference`);
    expect(r.stdout).toContain(`Budget: ${DEFAULT_BUDGET_LINE}; give --runs or --time to explore longer.`);
    expect(done.every((c) => c.verdict === 'pass')).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { interrupted: boolean; cases: { total: number } };
    expect(summary.interrupted).toBe(true);
    expect(summary.cases.total).toBe(done.length);
    // Its workers, spares included (they wait in <out>/spares): none left.
    expect(await processesUsing(out)).toEqual([]);
  });

  it('exits 64 on bad usage', async () => {
    expect((await agentcheck(['explore', '--runs', '3', '--time', '1m'])).exitCode).toBe(64);
    expect((await agentcheck(['explore', '--faults', 'crash-worker,meteor'])).exitCode).toBe(64);
    expect((await agentcheck(['explore', '--path', '1:2'])).exitCode).toBe(64);
    expect((await agentcheck(['explore', '--seed', '1', '--path', 'x'])).exitCode).toBe(64);
    expect((await agentcheck(['explore', '--time', 'soon'])).exitCode).toBe(64);
    const ignored = await agentcheck(['explore', '--ignore', 'traces,speed']);
    expect(ignored.exitCode).toBe(64);
    expect(ignored.stderr).toContain('--ignore takes property ids');
  });
});

describe('exploreInVitest', () => {
  it('resolves when nothing fails', async () => {
    const r = await exploreInVitest('reference', { runs: 3, seed: 3, concurrency: 2 });
    expect(r.cases.passed).toBe(3);
  });

  it('fails the test with the minimal case and its replay command', async () => {
    const run = exploreInVitest('naive', { runs: 20, seed: 11, faultKinds: ['response-lost'], concurrency: 2, shrinkTimeMs: 60_000 });
    await expect(run).rejects.toThrow(ExplorationFailed);
    await expect(run).rejects.toThrow(/found a failure on naive[\s\S]*✗ effects-exactly-once[\s\S]*npx agentcheck explore --adapter naive --seed 11 --path "[\d:]+" --faults response-lost/);
  });
});
