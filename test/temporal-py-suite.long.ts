import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { liveProcesses } from '../harness/process/supervisor.js';
import { builtInScenarioIds } from '../harness/scenario/discover.js';
import { caseOf, propertyOf, runBuiltIns } from './helpers.js';

// The whole built-in suite on temporal-py, on each seed of TEMPORAL_PY_SEEDS (default
// 1,2,3), one case at a time: `npm run test:temporal-py` (about 20 minutes on a loaded
// 2-core machine, so not in `npm test`; test/temporal-py.test.ts is the lean part).
// What follows from Temporal's design is asserted per property; where timing decides
// (a worker restart racing a deadline, a stalled worker racing its heartbeat timeout)
// only what holds either way is, and docs/adapters/temporal-py.md gives the frequencies.
// Runs get 30 s after faults heal: a Python worker start took up to 5.4 s under load 20.
const seeds = (process.env.TEMPORAL_PY_SEEDS ?? '1,2,3').split(',').map(Number);
const timeoutMs = 30_000;
/** An approval sent after the deadline while the worker is down: Temporal takes it (see below). */
const LATE_WHILE_DOWN = 'approvals/late-approval-while-down';

const problems = (report: Report, id: string) =>
  caseOf(report, id)
    .properties.filter((p) => p.verdict !== 'pass')
    .map((p) => `${p.id} ${p.verdict}: ${p.evidence.map((e) => e.message).join(' | ')}`);

describe.each(seeds)('temporal-py, the whole built-in suite, seed %i', (seed) => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('temporal-py', [], { seed, concurrency: 1, timeoutMs });
  }, 1_800_000);

  it('runs every case, none skipped: restart-runtime, history and agent steps are all there', () => {
    expect(report.cases).toHaveLength(builtInScenarioIds().length);
    expect(report.cases.filter((c) => c.verdict === 'skipped' || c.error).map((c) => `${c.id}: ${c.error ?? c.skipReason}`)).toEqual([]);
  });

  it('completes every run and never makes a write twice, under any fault', () => {
    // Activities run at least once; the key (workflow run id + activity id) dedupes every retry.
    for (const c of report.cases) {
      expect(propertyOf(report, c.id, 'completes')?.verdict, `${c.id}: ${problems(report, c.id).join('; ')}`).toBe('pass');
      const once = propertyOf(report, c.id, 'effects-exactly-once');
      if (c.id === LATE_WHILE_DOWN) expect(once?.evidence.map((e) => e.message).join()).not.toMatch(/took effect \d+ times/);
      else expect(once?.verdict ?? 'pass', `${c.id}: ${problems(report, c.id).join('; ')}`).toBe('pass');
    }
  });

  it('re-runs no finished step, except the call of a stalled worker whose heartbeat timed out (deduplicated)', () => {
    for (const c of report.cases) {
      const iso = propertyOf(report, c.id, 'step-isolation');
      if (!iso || iso.verdict === 'pass') continue;
      // The zombie's stall (1.5 s), or the 2.5 s stall right after the charge, can outlast the
      // heartbeat timeout (1 s): the server retries the charge with its key.
      expect(['crash-recovery/zombie-worker-wakes-up', 'effect-safety/stall-past-client-timeout', 'multi-agent/zombie-parent-while-child-refunds'], problems(report, c.id).join('; ')).toContain(c.id);
      for (const e of iso.evidence) expect(e.message).toMatch(/deduplicated/);
    }
  });

  it('runs each agent step as one child workflow, linked in the history', () => {
    const agents = report.cases.filter((c) => c.category === 'multi-agent');
    expect(agents.length).toBeGreaterThanOrEqual(4);
    for (const c of agents) {
      expect(propertyOf(report, c.id, 'agent-calls')?.verdict, problems(report, c.id).join('; ')).toBe('pass');
      expect(propertyOf(report, c.id, 'audit-trail')?.verdict, problems(report, c.id).join('; ')).toBe('pass');
    }
  });

  it('its event history agrees with the ledger in every case but the late approval', () => {
    for (const c of report.cases.filter((x) => x.id !== LATE_WHILE_DOWN)) {
      expect(propertyOf(report, c.id, 'audit-trail')?.verdict ?? 'pass', `${c.id}: ${problems(report, c.id).join('; ')}`).toBe('pass');
    }
  });

  it('takes an approval that reached the server after the deadline while no worker was up: the signal and the fired timer land in one workflow task, signals first', () => {
    const integrity = propertyOf(report, LATE_WHILE_DOWN, 'approval-integrity')!;
    expect(integrity.verdict).toBe('fail');
    expect(integrity.evidence[0]!.message).toContain('an approval after the timeout changed the outcome');
  });

  it('never cuts a durable timer short, and is undecided only where the worker\'s recovery overlaps a deadline', () => {
    for (const c of report.cases) {
      for (const e of propertyOf(report, c.id, 'durable-timers')?.evidence ?? []) expect(e.message, c.id).not.toContain('cut short');
      // Undecided only where the worker's recovery overlaps the verdict: a decision given while
      // no worker was up and the deadline near the restart, or a timeout that ran out while it was down.
      for (const p of c.properties.filter((x) => x.verdict === 'unknown')) {
        const why = p.evidence.map((e) => e.message).join();
        if (p.id === 'approval-integrity') expect(why, c.id).toMatch(/a race with the runtime's recovery/);
        else if (p.id === 'durable-timers') expect(why, c.id).toMatch(/(ran out while the worker was down|within the \d+ms this runtime may take after a restart).*cannot be told apart/);
        else expect.fail(`${c.id}: ${p.id} unknown: ${why}`);
      }
    }
  });

  it('restarts the server mid-run without losing the run, and leaves nothing running', () => {
    expect(caseOf(report, 'runtime-durability/restart-runtime-mid-run').verdict).toBe('pass');
    expect(liveProcesses()).toEqual([]);
  });
});
