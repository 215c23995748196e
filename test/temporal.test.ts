import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { liveProcesses } from '../harness/process/supervisor.js';
import { builtInScenarioIds } from '../harness/scenario/discover.js';
import { callTraces, caseOf, expectEveryWorkerFromASpare, expectFailure, expectPassedUnlessRaced, propertyOf, runBuiltIns, tracesFindings, undecidedByRace } from './helpers.js';
import { processesUsing } from './hostile.js';
import { CHILD_WORKER_CASE, expectChildWorkerKilledAlone } from './child-worker-record.js';

// The real Temporal server (the dev server of the temporal CLI, found or built by
// `npm run setup:temporal` in pretest) and real worker processes. Verdicts that follow
// from how Temporal and the interpreter work are asserted; where timing decides (a
// server timer that fires late), only the invariant that must hold either way is.

/** Processes whose command line mentions the run's folder (servers, workers): none may outlive the run. */
function leftoverProcesses(outDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(outDir) && !line.includes('ps -eo'));
}

const outDirOf = (report: Report) => report.cases[0]!.dir.replace(/\/cases\/.*$/, '');

/** Messages of every non-passing property of a case, for assertion output. */
const problems = (report: Report, id: string) =>
  caseOf(report, id)
    .properties.filter((p) => p.verdict !== 'pass')
    .map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`);

/** No write twice and the run completed; anything else that failed is step-isolation on the stalled call alone (retried with its key). */
function expectAtMostStalledCallRetried(report: Report, id: string, stalled: string): void {
  expect(propertyOf(report, id, 'effects-exactly-once')?.verdict).toBe('pass');
  expect(propertyOf(report, id, 'completes')?.verdict).toBe('pass');
  const other = caseOf(report, id).properties.filter((p) => p.verdict !== 'pass' && !(p.id === 'step-isolation' && p.evidence.every((e) => e.step === stalled)));
  expect(other.map((p) => p.id), id).toEqual([]);
}

/** A late approval that arrives while the worker is down, after the deadline passed. */
const LATE_WHILE_DOWN = 'approvals/late-approval-while-down';

describe('the built-in suite against Temporal', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('temporal');
  }, 400_000);

  it('runs every case, none skipped: Temporal has every power the suite needs', () => {
    // restart-runtime is provided (own dev server per such case); read-history via fetchHistory.
    expect(report.cases).toHaveLength(builtInScenarioIds().length);
    // Undecided only where a human's answer raced a restarted worker's start (seen on a loaded machine: 3 of 43 cases in one run at load 5-9).
    expect(report.cases.filter((c) => c.verdict === 'skipped' || c.error || (c.verdict === 'unknown' && !undecidedByRace(c))).map((c) => `${c.id}: ${c.error ?? c.skipReason ?? c.verdict}`)).toEqual([]);
  });

  it('runs agent steps as child workflows: one child per step through crashes and a second start, linked in the history', () => {
    for (const c of report.cases.filter((x) => x.category === 'multi-agent')) {
      expect(propertyOf(report, c.id, 'agent-calls')?.verdict, c.id).toBe('pass');
      expect(propertyOf(report, c.id, 'audit-trail')?.verdict, c.id).toBe('pass');
    }
  });

  it('runs a child workflow on a task queue of its own: its worker dies alone, the parent\'s waits for the child to be resumed', () => {
    // Decision 0110: the second worker process polls the children's queue only.
    expect(caseOf(report, CHILD_WORKER_CASE).verdict).toBe('pass');
    expectChildWorkerKilledAlone(report);
  });

  it('signals a child workflow by its derived id when the approval is the child\'s, across a crash during its wait', () => {
    // The signal sits in the child's history while no worker is up; the replayed child takes it (decision 0112).
    expectPassedUnlessRaced(report, 'multi-agent/child-approval-survives-crash');
  });

  it('keeps every policy through crashes and a duplicate approval, and fails a run cleanly where the gateway refuses a call', () => {
    // Activity results are in the history; a 403 is a non-retryable ApplicationFailure, so the workflow fails asking once.
    for (const c of report.cases.filter((x) => x.category === 'policy')) expect(propertyOf(report, c.id, 'policy')?.verdict ?? 'unknown', c.id).not.toBe('fail');
  });

  it('never repeats a write and never runs a forbidden branch, under any fault', () => {
    // Activities run at least once; the key (workflow run id + activity id) dedupes every retry.
    for (const c of report.cases.filter((c) => c.id !== LATE_WHILE_DOWN)) {
      // (a plan without writes has no effects-exactly-once verdict at all)
      expect(propertyOf(report, c.id, 'effects-exactly-once')?.verdict ?? 'pass', `${c.id}: ${problems(report, c.id).join('; ')}`).toBe('pass');
      expect(propertyOf(report, c.id, 'completes')?.verdict, c.id).toBe('pass');
    }
  });

  it('a worker stalled past its heartbeat timeout: nothing repeats at the outside world; at most the stalled call is retried', () => {
    // When the 1.5 s stall outlasts the 1 s heartbeat timeout before the woken worker
    // reports, the server refuses that completion and retries the charge with its key
    // (deduplicated). step-isolation then sees a finished call run again: seen once in a
    // loaded CI run, 0 of 6 on an idle machine. Always: no write twice, the run completes.
    expectAtMostStalledCallRetried(report, 'crash-recovery/zombie-worker-wakes-up', 'charge-cart');
  });

  it('a stalled worker that ran a parent and its child: nothing repeats at the outside world; at most the child\'s stalled refund is retried', () => {
    // The zombie case one level down: the child workflow's refund activity can outlast its
    // heartbeat timeout while the worker is frozen, and is retried with its key (seed 2: once in 3 seeds).
    expectAtMostStalledCallRetried(report, 'multi-agent/zombie-parent-while-child-refunds', 'refund-payment');
  });

  it('a worker stalled past its call\'s and its heartbeat\'s timeout right after the charge: the retry is deduplicated by the key', () => {
    // The activity's client timeout (or, once the stall outlasts the 1 s heartbeat timeout,
    // the server) retries the charge with its key. If the woken worker reads the answer and
    // reports it after the server gave up on the attempt, the retry runs a finished call
    // again: step-isolation, as in the zombie case above. Always: no write twice, it completes.
    const id = 'effect-safety/stall-past-client-timeout';
    expect(propertyOf(report, id, 'effects-exactly-once')?.verdict, problems(report, id).join('; ')).toBe('pass');
    expect(propertyOf(report, id, 'completes')?.verdict).toBe('pass');
    const other = caseOf(report, id).properties.filter((p) => p.verdict !== 'pass' && !(p.id === 'step-isolation' && p.evidence.every((e) => e.step === 'charge-card')));
    expect(other.map((p) => p.id), problems(report, id).join('; ')).toEqual([]);
  });

  it('passes every crash, retry, duplicate and restart case outright', () => {
    // Event history replay resumes after the last recorded activity; heartbeat timeouts
    // retry the one in flight; the workflow id refuses a duplicate start; the SQLite
    // server loses nothing when SIGKILLed. None of these depends on a timer's lateness.
    const deterministic = [
      'crash-recovery/crash-after-charge',
      'crash-recovery/crash-before-effect',
      'crash-recovery/second-worker-mid-run', // two workers poll one task queue: a workflow task goes to one at a time
      'crash-recovery/crash-during-slow-llm',
      'crash-recovery/parallel-tools-with-crash',
      'effect-safety/crash-during-write',
      'effect-safety/duplicate-start',
      'effect-safety/lost-response-on-write',
      'step-replay/crash-midway-chain',
      'step-replay/flaky-tool-retried-alone',
      'step-replay/tool-timeout-retried',
      'runtime-durability/restart-runtime-mid-run',
      'approvals/approval-before-wait',
      'approvals/duplicate-approval',
      'approvals/duplicate-approval-spaced',
      'approvals/approved-on-two-workers', // both signals go to the server; one workflow task at a time reads the first, ignores the second
      'approvals/approval-survives-crash',
      'approvals/several-approvals',
      'timers/sleep-then-act',
    ];
    for (const id of deterministic) {
      // Nothing fails; a case the harness left undecided because an answer raced the worker's restart is not judged either way.
      expect(caseOf(report, id).properties.filter((p) => p.verdict === 'fail').map((p) => p.id), id).toEqual([]);
      if (!undecidedByRace(caseOf(report, id))) expect(problems(report, id), id).toEqual([]);
    }
  });

  it('keeps an early approval and ignores duplicates (signals sit in the history until the workflow reads them)', () => {
    expect(propertyOf(report, 'approvals/approval-before-wait', 'approval-integrity')?.verdict).toBe('pass');
    expect(propertyOf(report, 'approvals/duplicate-approval', 'approval-integrity')?.verdict).toBe('pass');
  });

  it('a late approval either changes nothing or is caught, named as late, never anything else', () => {
    // condition(fn, timeout) races a server timer that may fire hundreds of ms late under
    // load; a signal in the same workflow task is seen first. Either outcome is Temporal's;
    // agentcheck must name the second one exactly.
    const integrity = propertyOf(report, 'approvals/approval-after-timeout', 'approval-integrity')!;
    if (integrity.verdict !== 'pass') expect(integrity.evidence[0]!.message).toContain('an approval after the timeout changed the outcome');
  });

  it('takes an approval that came after the deadline while the worker was down, and agentcheck names it as late', () => {
    // The fired timer and the late signal reach the new worker in one workflow task, and
    // the SDK delivers the signal first: condition() resolves approved. Deterministic, so
    // asserted: the wrong branch ran, named as a late approval, and no write repeated.
    const integrity = propertyOf(report, LATE_WHILE_DOWN, 'approval-integrity')!;
    expect(integrity.verdict).toBe('fail');
    expect(integrity.evidence[0]!.message).toContain('an approval after the timeout changed the outcome');
    expect(propertyOf(report, LATE_WHILE_DOWN, 'effects-exactly-once')!.evidence.map((e) => e.message).join()).not.toContain('took effect 2 times');
  });

  it('never cuts a durable timer short', () => {
    // A timer fires no earlier than its time: that is Temporal's guarantee. (Lateness
    // after a crash is measured, and counts as a doubled timer only past a whole length.)
    for (const id of ['timers/sleep-across-restart', 'timers/sleep-then-act', 'approvals/nobody-answers', 'approvals/approval-after-timeout']) {
      const p = propertyOf(report, id, 'durable-timers');
      for (const e of p?.evidence ?? []) expect(e.message, id).not.toContain('cut short');
    }
  });

  it('lists every step in the workflow history, agreeing with the ledger', () => {
    // Activity ids, timer summaries and approval signals name the plan's steps.
    for (const c of report.cases.filter((c) => c.id !== 'approvals/approval-after-timeout' && c.id !== LATE_WHILE_DOWN)) {
      expect(propertyOf(report, c.id, 'audit-trail')?.verdict, `${c.id}: ${problems(report, c.id).join('; ')}`).toBe('pass');
    }
  });

  it('traces every activity attempt with Temporal\'s OpenTelemetry interceptors, one trace per run across worker crashes', () => {
    // A replayed workflow makes the same span ids (the sandbox's Math.random is seeded per
    // run), so the worker that resumes a run continues its trace, and each activity attempt
    // is a span of its own: never split, never shared. A span still on its way to the
    // collector when its worker is SIGKILLed may be missing: docs/adapters/temporal.md.
    expect(tracesFindings(report).filter((m) => !m.includes('never reached the collector'))).toEqual([]);
    const crash = callTraces(report, 'crash-recovery/crash-after-charge');
    expect(crash.pids.size).toBe(2);
    expect([...crash.traces]).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
    expect(report.scorecard.categories.find((c) => c.id === 'observability')?.score).not.toBeNull();
  });

  it('starts every worker from a warm spare, a fresh process each time (decision 0085)', () => {
    expectEveryWorkerFromASpare(report);
  });

  it('leaves no server or worker process behind', async () => {
    expect(liveProcesses()).toEqual([]);
    expect(leftoverProcesses(outDirOf(report))).toEqual([]);
    // Spares wait in <out>/spares, their command lines name no folder of the run.
    expect(await processesUsing(outDirOf(report))).toEqual([]);
  });
});

describe('the known-bad temporal-unsafe variant (write activities without idempotency keys)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('temporal-unsafe', ['crash-recovery/crash-after-charge', 'effect-safety/*']);
  }, 300_000);

  it('repeats the charge after a crash between the effect and its recording', () => {
    // The worker is frozen before it reads the answer, then killed: the activity times out
    // and Temporal retries it, as documented; without a key the payment API charges again.
    expectFailure(report, 'crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card');
  });

  it('repeats a refund whose response was lost, and a transfer cut off in flight', () => {
    // A dropped connection fails the attempt; the retry is a second, unkeyed request.
    expectFailure(report, 'effect-safety/lost-response-on-write', 'effects-exactly-once', 'refund-payment');
    expectFailure(report, 'effect-safety/crash-during-write', 'effects-exactly-once', 'transfer-funds');
  });

  it('charges again after a stall past the heartbeat timeout right after the charge: the server retries the activity, unkeyed', () => {
    // The server's heartbeat timeout runs outside the frozen process: the retry is Temporal's, whatever the woken worker reads.
    expectFailure(report, 'effect-safety/stall-past-client-timeout', 'effects-exactly-once', 'charge-card');
  });

  it('still refuses a duplicate start: that guarantee is the workflow id, not the key', () => {
    expect(caseOf(report, 'effect-safety/duplicate-start').verdict).toBe('pass');
  });

  it('fails the gate', () => {
    expect(report.gate.passed).toBe(false);
  });
});
