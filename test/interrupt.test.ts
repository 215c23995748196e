import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../harness/report/schema.js';
// The run's workers: their command line mentions its folder, or they work in it (a warm spare's names no case).
import { processesUsing } from './hostile.js';

const bin = join(import.meta.dirname, '..', 'bin', 'agentcheck.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** At least one case finished: cases.jsonl has a line. */
const aCaseFinished = (out: string) => existsSync(join(out, 'cases.jsonl')) && readFileSync(join(out, 'cases.jsonl'), 'utf8').trim().length > 0;

async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(25);
  }
}

const linesOf = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);

function startRun(out: string) {
  return execa(process.execPath, [bin, 'run', 'timers/*', 'approvals/*', 'crash-recovery/*', '--out', out, '--concurrency', '2'], { reject: false, env: { NO_COLOR: '1' } });
}

describe('the harness interrupted', () => {
  it('SIGKILLed mid-run leaves no orphan process and a readable partial record', async () => {
    const out = mkdtempSync(join(tmpdir(), 'agentcheck-kill-'));
    const run = startRun(out);
    await until(() => aCaseFinished(out));
    await until(async () => (await processesUsing(out)).some((l) => l.includes('worker.js')));
    run.kill('SIGKILL');
    await run;
    // The watchdog notices the harness is gone and kills every worker group it knew.
    await until(async () => (await processesUsing(out)).length === 0, 5000);
    expect(await processesUsing(out)).toEqual([]);
    const done = linesOf(join(out, 'cases.jsonl')) as { id: string; verdict: string }[];
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const c of done) expect(c.verdict).toBe('pass');
    for (const dir of readdirSync(join(out, 'cases'))) {
      for (const file of ['history.jsonl', 'effects.jsonl']) {
        const path = join(out, 'cases', dir, file);
        if (existsSync(path)) expect(() => linesOf(path)).not.toThrow();
      }
    }
  });

  it('SIGINT stops after cleanup: exit 130, a report marked interrupted with the finished cases, no orphans', async () => {
    const out = mkdtempSync(join(tmpdir(), 'agentcheck-int-'));
    const run = startRun(out);
    await until(() => aCaseFinished(out));
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('SIGINT: stopping after cleanup');
    const report = Report.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.interrupted).toBe(true);
    // Only some cases ran: the gate has not passed, though every finished case did.
    expect(report.gate.passed).toBe(false);
    expect(report.gate.reason).toMatch(/^interrupted: \d+ of \d+ case\(s\) ran$/);
    expect(r.stdout + r.stderr).not.toContain('Gate: passed');
    expect(report.cases.length).toBeGreaterThanOrEqual(1);
    expect(report.cases.length).toBeLessThan(13);
    expect(report.cases.every((c) => c.verdict === 'pass')).toBe(true);
    expect(await processesUsing(out)).toEqual([]);
  });

  it('SIGTERM to npx alone (as the README runs it) still stops agentcheck cleanly, with an interrupted report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'agentcheck-npx-'));
    const root = join(import.meta.dirname, '..');
    const run = execa('npx', ['agentcheck', 'run', 'timers/*', 'approvals/*', 'crash-recovery/*', '--out', out, '--concurrency', '2'], { cwd: root, reject: false, env: { NO_COLOR: '1' } });
    await until(() => aCaseFinished(out), 60_000);
    // Only npx gets the signal: npm forwards it to its `sh -c`, which dies without passing it on.
    run.kill('SIGTERM');
    await run;
    await until(() => existsSync(join(out, 'report.json')), 20_000);
    await until(async () => (await processesUsing(out)).length === 0, 10_000);
    const report = Report.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(report.interrupted).toBe(true);
    expect(report.gate.passed).toBe(false);
    expect(report.cases.length).toBeLessThan(13);
  });
});
