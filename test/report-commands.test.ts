import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Report } from '../harness/report/schema.js';
import { agentcheck, agentcheckBin } from './cli.js';

// The report commands end to end: gate flags, baseline, shard and merge, badge,
// compare, bad input, and the CI recipes of docs/ci.md run as written.

const tmp = () => mkdtempSync(join(tmpdir(), 'agentcheck-reports-'));
const readJson = (file: string) => Report.parse(JSON.parse(readFileSync(file, 'utf8')));
/** A few fast cases on the reference runtime, for the commands that run a suite. */
const SELECTION = ["'effect-safety/*'", "'step-replay/*'"];

/** The yaml code blocks of docs/ci.md, parsed. */
function ciRecipes(): { github: any; gitlab: any } {
  const md = readFileSync(join(import.meta.dirname, '..', 'docs', 'ci.md'), 'utf8');
  const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!));
  return { github: blocks.find((b) => b.jobs), gitlab: blocks.find((b) => b.agentcheck?.script) };
}

/** Run a CI step's shell line with `npx agentcheck` as this build, the selection appended to `run`. */
const step = (line: string, cwd: string, env: Record<string, string> = {}) => {
  const cmd = line.replace(/^npx agentcheck/, `"${process.execPath}" "${agentcheckBin}"`) + (/ run /.test(` ${line.split(' ')[2]} `) ? ` ${SELECTION.join(' ')}` : '');
  return execa('bash', ['-c', cmd], { cwd, reject: false, env: { NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env } });
};

describe('bad input: one line naming the file or flag and what was expected, exit 64', () => {
  const dir = tmp();
  const junk = join(dir, 'junk.json');
  writeFileSync(junk, '{ not json');
  const baseline = join(dir, 'known.json');
  writeFileSync(baseline, JSON.stringify({ version: 1, failures: [{ scenario: 'a/b', property: 'exactly-once' }] }));
  it.each([
    [['report', junk], `${junk} is not JSON`],
    [['badge', junk], `${junk} is not JSON`],
    [['merge', junk], `${junk} is not JSON`],
    [['compare', junk, junk], `${junk} is not JSON`],
    [['report', join(dir, 'none.json')], 'none.json: no such report'],
    [['run', '--baseline', baseline], `--baseline ${baseline}: failures[0].property: expected a property id (completes,`],
    [['run', '--shard', '6/5'], '--shard takes <index>/<total> with 1 <= index <= total (e.g. 2/5), not "6/5"'],
    [['run', '--shard', '1/5'], '--shard needs --seed'],
    [['explore', '--shard', '1/2'], '--shard splits a search: give --seed'],
    [['run', '--min-level', 'L5'], '--min-level takes one of L0, L1, L2, L3, not "L5"'],
    [['run', '--fail-on', 'exactly-once'], '--fail-on takes property ids (completes'],
  ])('%j', async (args, message) => {
    const r = await agentcheck(args);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('(add --help')).length).toBe(1);
  });
});

describe('the baseline ratchet, on a known-bad runtime', () => {
  it('--update-baseline writes the failures; then they do not fail the gate, and a new one does', async () => {
    const dir = tmp();
    const file = join(dir, 'known-failures.json');
    const first = await agentcheck(['run', 'effect-safety/lost-response-on-write', '--adapter', 'naive', '--baseline', file, '--update-baseline', '--out', join(dir, 'a')]);
    expect(first.exitCode, first.stderr).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.failures).toContainEqual({ scenario: 'effect-safety/lost-response-on-write', property: 'effects-exactly-once' });
    expect(readJson(join(dir, 'a', 'report.json')).gate.passed).toBe(true);

    const known = await agentcheck(['run', 'effect-safety/lost-response-on-write', '--adapter', 'naive', '--baseline', file, '--out', join(dir, 'b')]);
    expect(known.exitCode).toBe(0);
    expect(known.stdout).toMatch(/Gate: passed — no new failure \(\d+ known in /);

    writeFileSync(file, JSON.stringify({ version: 1, failures: written.failures.filter((f: { property: string }) => f.property !== 'effects-exactly-once') }));
    const fresh = await agentcheck(['run', 'effect-safety/lost-response-on-write', '--adapter', 'naive', '--baseline', file, '--fail-on', 'ordering', '--out', join(dir, 'c')]);
    expect(fresh.exitCode).toBe(1);
    expect(fresh.stdout).toContain('1 new failure(s) not in');
    expect(fresh.stdout).toContain('effect-safety/lost-response-on-write effects-exactly-once');
  });
});

describe('the CI recipes of docs/ci.md', () => {
  const { github, gitlab } = ciRecipes();
  const runLines = (steps: { run?: string }[]) => steps.map((s) => s.run).filter((r): r is string => Boolean(r?.startsWith('npx agentcheck')));

  it('parse as YAML, with the steps a workflow and a GitLab job need', () => {
    expect(Object.keys(github.jobs)).toEqual(['shard', 'gate']);
    expect(github.jobs.shard.strategy.matrix.shard).toEqual([1, 2]);
    expect(runLines(github.jobs.shard.steps)).toHaveLength(1);
    expect(runLines(github.jobs.gate.steps)[0]).toMatch(/^npx agentcheck merge /);
    expect(gitlab.agentcheck.artifacts.reports.junit).toBe('agentcheck-report/junit.xml');
  });

  it('run as written (on a few reference cases): shards, merge with the GitHub summary, and the GitLab job; the merge equals the unsharded run', async () => {
    const root = tmp();
    const summary = join(root, 'summary.md');
    const [shardLine] = runLines(github.jobs.shard.steps);
    for (const shard of [1, 2]) {
      const cwd = join(root, `runner-${shard}`);
      mkdirSync(cwd);
      const r = await step(shardLine!.replace('${{ matrix.shard }}', String(shard)).replace('${{ github.run_number }}', '3'), cwd);
      expect(r.exitCode, r.stderr).toBe(0);
      // upload-artifact, then download-artifact into shards/<name>/
      cpSync(join(cwd, 'agentcheck-report', 'report.json'), join(root, 'gate', 'shards', `agentcheck-shard-${shard}`, 'report.json'), { recursive: true });
    }
    const gate = await step(runLines(github.jobs.gate.steps)[0]!, join(root, 'gate'), { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });
    expect(gate.exitCode, gate.stderr).toBe(0);
    for (const f of ['junit.xml', 'report.html', 'badge.svg', 'report.json']) expect(existsSync(join(root, 'gate', 'agentcheck-report', f)), f).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('## agentcheck: reference');

    const gitlabDir = join(root, 'gitlab');
    mkdirSync(gitlabDir);
    const lines = gitlab.agentcheck.script.filter((l: string) => l.startsWith('npx agentcheck'));
    const r = await step(lines[0], gitlabDir);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(gitlabDir, gitlab.agentcheck.artifacts.reports.junit), 'utf8')).toMatch(/<testsuites [^>]*failures="0" errors="0"/);

    // Sharding on the reference runtime: the merged shards give the unsharded run's verdicts and scorecard.
    const merged = readJson(join(root, 'gate', 'agentcheck-report', 'report.json'));
    const whole = readJson(join(gitlabDir, 'agentcheck-report', 'report.json'));
    const verdicts = (rep: Report) => Object.fromEntries(rep.cases.map((c) => [c.id, [c.verdict, c.properties.map((p) => `${p.id}:${p.verdict}`)]]));
    expect(Object.keys(verdicts(merged)).length).toBeGreaterThan(3);
    expect(verdicts(merged)).toEqual(verdicts(whole));
    expect(merged.scorecard).toEqual(whole.scorecard);
    expect(merged.gate.passed).toBe(true);

    // compare and badge on the same reports
    const cmp = await agentcheck(['compare', join(root, 'gate', 'agentcheck-report', 'report.json'), join(gitlabDir, 'agentcheck-report', 'report.json'), '--reporter', 'markdown']);
    expect(cmp.exitCode).toBe(0);
    expect(cmp.stdout).toContain('0 regression(s), 0 fix(es)');
    const badge = await agentcheck(['badge', join(gitlabDir, 'agentcheck-report', 'report.json')]);
    expect(badge.stdout).toMatch(/^<svg [\s\S]*\/100<\/text>/);
  });
});

describe('explore --shard', () => {
  it('explores seed + i - 1 for its share of --runs', async () => {
    const r = await agentcheck(['explore', '--adapter', 'reference', '--runs', '4', '--seed', '5', '--shard', '2/2', '--max-steps', '2', '--out', tmp()]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2 cases on reference \(seed 6\)/m);
  });
});

describe('a reporter module of your own', () => {
  it('renders a saved report beside the built-ins; one without render is exit 64', async () => {
    const dir = tmp();
    const mine = join(dir, 'my-reporter.mjs');
    writeFileSync(mine, 'export default { fileName: "level.txt", render: (r) => `level ${r.scorecard.level}\\n` };\n');
    const fixture = join(import.meta.dirname, '..', 'reports', 'fixtures', 'naive-report.json');
    const one = await agentcheck(['report', fixture, '--reporter', mine]);
    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.stdout).toBe('level L0'); // execa strips the final newline
    const several = await agentcheck(['report', fixture, '--reporter', `terminal,${mine}`, '--out', join(dir, 'out')]);
    expect(several.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'out', 'level.txt'), 'utf8')).toBe('level L0\n');
    const bad = join(dir, 'bad.mjs');
    writeFileSync(bad, 'export const x = 1;\n');
    const r = await agentcheck(['run', 'timers/sleep-then-act', '--reporter', bad]);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain(`--reporter ${bad}: export a reporter`);
  });
});

describe('GitHub annotations', () => {
  it('under GITHUB_ACTIONS a failing property is an ::error naming scenario and property', async () => {
    const r = await agentcheck(['run', 'effect-safety/lost-response-on-write', '--adapter', 'naive', '--out', tmp()], { GITHUB_ACTIONS: 'true' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^::error title=agentcheck%3A effect-safety\/lost-response-on-write effects-exactly-once failed::refund-payment took effect 2 times/m);
  });
});
