import { execa } from 'execa';
import { existsSync, readlinkSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { liveProcesses } from '../harness/process/supervisor.js';
import { CHILD_WORKER_CASE, expectChildWorkerKilledAlone } from './child-worker-record.js';
import { agentcheckBin } from './cli.js';
import { caseOf, expectFailure, propertyOf, runBuiltIns } from './helpers.js';

// Temporal with the Python SDK (docs/adapters/temporal-py.md): the same dev server and
// client as the temporal adapter, a Python worker process per case (the worker
// protocol), and a second one for the child workflows when the plan has agent steps. `npm test` runs this lean selection on seed 1; `npm run test:temporal-py`
// (test/temporal-py-suite.long.ts) runs the whole built-in suite on seeds 1-3 and asserts,
// per property, what always holds; the racy cases' frequencies are in the docs. Runs get 30 s
// after faults heal (--timeout): a Python worker takes seconds to start on a loaded machine.
const timeoutMs = 30_000;

/** Python workers of a run: their command line does not name the run's folder; their environment or working folder does. */
function workersOf(outDir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        // A worker spawned for its case has the case in its environment; a warm spare, only in its working folder (its spares/, then its case's).
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('agentcheck_temporal.worker') && (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(outDir) || readlinkSync(`/proc/${pid}/cwd`).startsWith(outDir + '/'));
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Messages of every non-passing property of a case, for assertion output. */
const problems = (report: Report, id: string) =>
  caseOf(report, id)
    .properties.filter((p) => p.verdict !== 'pass')
    .map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`);

describe('temporal-py on a selection of the built-in suite', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns(
      'temporal-py',
      ['crash-recovery/crash-after-charge', 'approvals/approval-before-wait', 'multi-agent/parent-crashes-after-child-started', CHILD_WORKER_CASE],
      { seed: 1, timeoutMs },
    );
  }, 300_000);

  it('a SIGKILLed worker: the charge activity is retried with its key and the run completes on the next worker', () => {
    const id = 'crash-recovery/crash-after-charge';
    expect(caseOf(report, id).verdict, problems(report, id).join('; ')).toBe('pass');
    expect(caseOf(report, id).metrics?.workerStarts).toBeGreaterThanOrEqual(2);
  });

  it('an approval signalled before the run waits is kept in the history and taken once', () => {
    const id = 'approvals/approval-before-wait';
    expect(caseOf(report, id).verdict, problems(report, id).join('; ')).toBe('pass');
  });

  it('an agent step is one child workflow, found again by its id after the parent crashed, linked in the history', () => {
    const id = 'multi-agent/parent-crashes-after-child-started';
    expect(propertyOf(report, id, 'agent-calls')?.verdict, problems(report, id).join('; ')).toBe('pass');
    expect(propertyOf(report, id, 'audit-trail')?.verdict, problems(report, id).join('; ')).toBe('pass');
  });

  it("a child workflow on a task queue of its own: the crash in the child's plan kills only the child's Python worker, the parent's waits (decision 0110)", () => {
    expect(caseOf(report, CHILD_WORKER_CASE).verdict, problems(report, CHILD_WORKER_CASE).join('; ')).toBe('pass');
    expectChildWorkerKilledAlone(report);
  });

  it('passed the worker protocol check, names the Python SDK, and leaves nothing running', () => {
    expect(report.adapter.runtimeVersion).toMatch(/^Temporal Server \d+\.\d+\.\d+, .*; Python SDK temporalio \d+\.\d+\.\d+ \(Python 3\.\d+\.\d+\)$/);
    const outDir = dirname(dirname(caseOf(report, 'approvals/approval-before-wait').dir));
    expect(readFileSync(join(outDir, 'protocol-check', 'worker-1.log'), 'utf8')).toMatch(/^agentcheck:ready \{"pid":\d+\}$/m);
    expect(liveProcesses()).toEqual([]);
    expect(workersOf(outDir)).toEqual([]);
  });
});

describe('the known-bad temporal-py-unsafe variant (model and tool calls in workflow code)', () => {
  it('makes every call before the crash again on the replay, the charge included, and its history lists none of them', async () => {
    const report = await runBuiltIns('temporal-py-unsafe', ['crash-recovery/crash-after-charge'], { seed: 1, timeoutMs });
    const id = 'crash-recovery/crash-after-charge';
    expectFailure(report, id, 'effects-exactly-once', 'charge-card');
    expectFailure(report, id, 'step-isolation', 'plan-order');
    expectFailure(report, id, 'audit-trail', 'charge-card');
    expect(report.gate.passed).toBe(false);
  }, 300_000);
});

describe('temporal-py interrupted', () => {
  it('Ctrl-C mid-case: exit 130, no Python worker and no Temporal server left running', async () => {
    const out = mkdtempSync(join(tmpdir(), 'agentcheck-tpy-int-'));
    const run = execa(process.execPath, [agentcheckBin, 'run', 'approvals/nobody-answers', '--adapter', 'temporal-py', '--out', out], { reject: false, env: { NO_COLOR: '1' } });
    const until = Date.now() + 120_000;
    // Wait for a case's worker (not the protocol check's): the interrupt lands mid-case.
    while (!workersOf(join(out, 'cases')).length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(workersOf(join(out, 'cases')).length).toBeGreaterThan(0);
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode).toBe(130);
    expect(workersOf(out)).toEqual([]);
    const { stdout } = await execa('ps', ['-eo', 'pid,args']);
    expect(stdout.split('\n').filter((l) => l.includes(out) && !l.includes(' ps '))).toEqual([]); // the server's --db-filename is in the folder
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  }, 180_000);
});
