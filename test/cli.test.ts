import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../harness/report/schema.js';
import { agentcheck, agentcheckBin } from './cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'agentcheck-cli-'));

describe('agentcheck CLI', () => {
  it('run: selects by glob, prints the scorecard, writes the JSON report, exits 0', async () => {
    const out = tmp();
    const r = await agentcheck(['run', 'effect-safety/*', '--seed', '5', '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Effect safety        100%  6/6 passed');
    expect(r.stdout).not.toContain('\x1b['); // no colour off a TTY
    expect(r.stderr).toMatch(/\[6\/6\]/); // progress
    const report = Report.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.cases.map((c) => c.id)).toEqual(['effect-safety/crash-during-write', 'effect-safety/duplicate-start', 'effect-safety/lost-response-on-write', 'effect-safety/stall-past-client-timeout', 'effect-safety/tool-fails-in-parallel', 'effect-safety/two-runs-same-write']);
    expect(report.seed).toBe(5);
    expect(readFileSync(join(out, 'cases.jsonl'), 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('--reporter json prints a report that validates against the schema', async () => {
    const r = await agentcheck(['run', 'timers/sleep-then-act', '--reporter', 'json', '--out', tmp()]);
    expect(r.exitCode).toBe(0);
    expect(Report.safeParse(JSON.parse(r.stdout)).success).toBe(true);
  });

  it('exits 1 when the gate fails, and --min-score moves the gate', async () => {
    const failing = await agentcheck(['run', 'effect-safety/lost-response-on-write', 'timers/sleep-then-act', 'approvals/nobody-answers', '--adapter', 'naive', '--out', tmp()]);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toContain('replay: npx agentcheck run effect-safety/lost-response-on-write --adapter naive --seed');
    const lenient = await agentcheck(['run', 'approvals/nobody-answers', '--adapter', 'naive', '--min-score', '0', '--out', tmp()]);
    expect(lenient.exitCode).toBe(0);
  });

  it('runs a user scenario file', async () => {
    const dir = tmp();
    const file = join(dir, 'checkout-refund.yaml');
    writeFileSync(file, 'category: effect-safety\ndescription: refund once\nplan:\n  name: refund\n  steps:\n    - { kind: tool, id: refund, tool: payments.refund, mode: write }\nfaults:\n  - { kind: response-lost, step: refund }\n');
    const r = await agentcheck(['run', file, '--out', join(dir, 'out')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('checkout-refund pass');
  });

  it('an invalid scenario file: one message naming file, path and expectation; exit 64; no stack trace', async () => {
    const file = join(tmp(), 'bad.yaml');
    writeFileSync(file, 'category: effect-safety\ndescription: d\nplan:\n  name: p\n  steps:\n    - { kind: tool, id: t, tool: x, mode: erase }\n');
    const r = await agentcheck(['run', file]);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain(`${file} is not a valid scenario`);
    expect(r.stderr).toMatch(/plan\.steps\[0\]\.mode: .*"read"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['run', '--seed', 'abc'], /--seed takes a whole number/],
    [['run', '--concurrency', '0'], /--concurrency takes a whole number from 1/],
    [['run', '--concurrency', 'auto'], /--concurrency takes a whole number from 1 to 64, not "auto"/],
    [['explore', '--concurrency', 'lots'], /--concurrency takes a whole number from 1 to 64, or auto, not "lots"/],
    [['run', '--min-score', '101'], /--min-score takes a whole number from 0 to 100/],
    [['run', '--repeat', '0'], /--repeat takes a whole number from 1 to 1000/],
    [['run', '--reporter', 'pdf'], /unknown reporter "pdf"/],
    [['run', '--adapter', 'nosuch'], /unknown adapter; built in: .*naive.*reference/],
    [['run', 'no-such-scenario/*'], /no built-in scenario matches "no-such-scenario\/\*"/],
    [['run', '--frobnicate'], /unknown option '--frobnicate'/],
    [['fly'], /unknown command 'fly'/],
    [['run', '--timeout', '99999999999'], /--timeout takes a whole number from 1 to 3600000/],
  ])('bad usage %j exits 64 with a clear message', async (args, message) => {
    const r = await agentcheck(args);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--repeat runs a case several times: one record folder per run, the counts in the report', async () => {
    const out = tmp();
    const r = await agentcheck(['run', 'step-replay/flaky-tool-retried-alone', '--repeat', '2', '--seed', '4', '--reporter', 'json', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.cases[0]!.repeats).toEqual({ runs: 2, verdicts: { pass: 2, fail: 0, unknown: 0 }, properties: {} });
    expect(report.cases[0]!.repro).toContain('--repeat 2');
    expect(readdirSync(join(out, 'cases')).sort()).toEqual(['step-replay_flaky-tool-retried-alone.run1', 'step-replay_flaky-tool-retried-alone.run2']);
    expect(r.stderr).toContain('(pass 2/2)');
    expect(r.stderr).toContain('step-replay/flaky-tool-retried-alone run 2/2: pass');
  });

  it('--help works on every command and exits 0', async () => {
    for (const args of [['--help'], ['run', '--help'], ['list', '--help'], ['report', '--help']]) {
      const r = await agentcheck(args);
      expect(r.exitCode, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: agentcheck');
    }
  });

  it('list scenarios and adapters', async () => {
    const scenarios = await agentcheck(['list', 'scenarios']);
    expect(scenarios.stdout).toContain('crash-recovery/crash-after-charge');
    expect(scenarios.stdout.split('\n').filter((l) => /^\w[\w-]*\/\w/.test(l)).length).toBeGreaterThanOrEqual(12);
    const adapters = await agentcheck(['list', 'adapters']);
    expect(adapters.stdout).toMatch(/^naive\s/m);
    expect(adapters.stdout).toMatch(/^reference\s/m);
  });

  it('report re-renders a saved run; a file that is not a report exits 64', async () => {
    const out = tmp();
    await agentcheck(['run', 'approvals/duplicate-approval', '--out', out]);
    const again = await agentcheck(['report', join(out, 'report.json')]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Human-in-the-loop    100%  1/1 passed');
    const junk = join(out, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    const bad = await agentcheck(['report', junk]);
    expect(bad.exitCode).toBe(64);
    expect(bad.stderr).toContain('is not an agentcheck report');
  });

  it('an adapter module from a path: a broken one is a usage error', async () => {
    const file = join(tmp(), 'my-adapter.mjs');
    writeFileSync(file, 'export const adapter = { name: 42 };\n');
    const r = await agentcheck(['run', 'timers/sleep-then-act', '--adapter', file]);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('export an adapter');
  });

  for (const ext of ['mjs', 'ts']) {
    it(`an adapter with a syntax error (.${ext}): exit 64 naming file, line and column`, async () => {
      const file = join(tmp(), `my-adapter.${ext}`);
      writeFileSync(file, 'export const adapter = {\n  name: "x",\n  openCase( {\n};\n');
      const r = await agentcheck(['run', 'timers/sleep-then-act', '--adapter', file]);
      expect(r.exitCode).toBe(64);
      expect(r.stderr).toContain(`could not be loaded: ${file}:4:2: `);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('a run owns its --out folder: a second live run is refused, an earlier run is replaced only with --force', async () => {
    const out = tmp();
    // A first run long enough to still hold the folder however slowly the second one
    // starts on a loaded machine (a one-case first run once finished before it): it is
    // stopped with SIGINT once the second has been refused.
    const first = agentcheck(['run', 'approvals/*', 'timers/*', '--out', out]);
    const lock = join(out, '.agentcheck.lock');
    for (let i = 0; i < 400 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 25));
    const second = await agentcheck(['run', 'timers/sleep-then-act', '--out', out]);
    expect(second.exitCode).toBe(64);
    expect(second.stderr).toMatch(/--out .*: another agentcheck run \(pid \d+\) is writing there/);
    first.kill('SIGINT');
    expect((await first).exitCode).toBe(130);
    const again = await agentcheck(['run', 'timers/sleep-then-act', '--out', out]);
    expect(again.exitCode).toBe(64);
    expect(again.stderr).toMatch(/holds an earlier run .*pass --force/);
    const forced = await agentcheck(['run', 'timers/sleep-then-act', '--out', out, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('with several reporters the scorecard prints on the terminal and the formats go to files, terminal listed or not', async () => {
    const out = tmp();
    const r = await agentcheck(['run', 'timers/sleep-then-act', '--reporter', 'json,junit', '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Gate: passed');
    expect(r.stderr).toContain(`junit report: ${join(out, 'junit.xml')}`);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<testsuites');
  });

  it('an --out that cannot be created is a usage error naming the path', async () => {
    const file = join(tmp(), 'a-file');
    writeFileSync(file, '');
    const r = await agentcheck(['run', 'timers/sleep-then-act', '--out', join(file, 'sub')]);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain(`--out ${join(file, 'sub')}: cannot create the folder`);
  });

  it('--pin and AGENTCHECK_RUNTIME_MODULES: a bad value is one line naming it, exit 64', async () => {
    const loose = await agentcheck(['run', 'approvals/approval-before-wait', '--pin', '@dbos-inc/dbos-sdk@^4']);
    expect(loose.exitCode).toBe(64);
    expect(loose.stderr).toContain('--pin takes a package pinned to one exact version');
    const python = await agentcheck(['run', 'approvals/approval-before-wait', '--adapter', 'langgraph-py', '--pin', 'langgraph==latest']);
    expect(python.exitCode).toBe(64);
    expect(python.stderr).toContain('--pin takes a PyPI package pinned to one exact version, like langgraph==0.6.4, not "langgraph==latest"');
    const project = mkdtempSync(join(tmpdir(), 'agentcheck-pinned-'));
    writeFileSync(join(project, 'package.json'), '{"dependencies": {}}');
    const both = await agentcheck(['run', 'approvals/approval-before-wait', '--pin', '@dbos-inc/dbos-sdk@4.11.11'], { AGENTCHECK_RUNTIME_MODULES: project });
    expect(both.exitCode).toBe(64);
    expect(both.stderr).toContain('--pin and AGENTCHECK_RUNTIME_MODULES both name the runtime packages');
    const notAProject = await agentcheck(['list'], { AGENTCHECK_RUNTIME_MODULES: join(tmpdir(), 'no-such-project') });
    expect(notAProject.exitCode).toBe(64);
    expect(notAProject.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^agentcheck: AGENTCHECK_RUNTIME_MODULES=.*no-such-project: no package.json there/)]);
  });

  it('refuses an old Node with a clear message', async () => {
    const r = await execa('/usr/bin/node', [agentcheckBin, 'run'], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('agentcheck needs Node >= 22');
  });
});

describe('your own adapter and scenario files', () => {
  const dist = join(import.meta.dirname, '..', 'dist');

  it('loads a TypeScript adapter and a TypeScript scenario by path', async () => {
    const dir = tmp();
    const adapter = join(dir, 'my-runtime.ts');
    writeFileSync(adapter, `import { adapter as reference } from '${dist}/adapters/reference/index.js';\nconst name: string = 'my-runtime';\nexport default { ...reference, name };\n`);
    const scenario = join(dir, 'refund.ts');
    writeFileSync(scenario, `const s: Record<string, unknown> = { category: 'effect-safety', description: 'd', plan: { name: 'p', steps: [{ kind: 'tool', id: 'refund', tool: 'pay', mode: 'write' }] }, faults: [{ kind: 'response-lost', step: 'refund' }] };\nexport default s;\n`);
    const r = await agentcheck(['run', scenario, '--adapter', adapter, '--reporter', 'json', '--out', join(dir, 'out')]);
    expect(r.exitCode).toBe(0);
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.adapter.name).toBe('my-runtime');
    expect(report.cases[0]).toMatchObject({ id: 'refund', verdict: 'pass' });
    expect(report.cases[0].repro).toBe(`npx agentcheck run ${scenario} --adapter ${adapter} --seed ${report.seed}`);
  });

  it('an adapter whose worker cannot start: exit 2, one line naming the worker and its log', async () => {
    const dir = tmp();
    const adapter = join(dir, 'broken.mjs');
    writeFileSync(adapter, `export const adapter = { name: 'broken', description: 'd', async openCase() { return { worker: { script: '${dir}/missing-worker.js' }, async startRun() {}, async deliverApproval() {}, async awaitResult() { return { status: 'failed', error: 'x' }; }, async close() {} }; } };\n`);
    const r = await agentcheck(['run', 'timers/sleep-then-act', '--adapter', adapter, '--out', join(dir, 'out')]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(/could not run: broken: worker 1 exited \(code 1, signal null\) before it was ready; see .*worker-1\.log/);
    expect(r.stderr).toContain('agentcheck could not run 1 case(s)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
