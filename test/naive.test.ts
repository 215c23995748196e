import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { caseOf, expectChargedAgainUnlessAnswerRead, expectFailure, propertyOf, runBuiltIns } from './helpers.js';

// The naive adapter is the typical demo loop: in memory, restarts every unfinished run
// from its first step, retries without idempotency keys. agentcheck must catch each
// of its failures, with evidence that names the repeated effect. Only verdicts that
// follow from its design are asserted, never ones that depend on timing.
describe('the built-in suite against the known-bad naive loop', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('naive');
  });

  it('starts a second billing agent after a crash during its wait for a manager, and loses the manager\'s answer with the first', () => {
    // The restarted loop runs from scratch: a new sub-agent under a fresh id, asked again.
    expectFailure(report, 'multi-agent/child-approval-survives-crash', 'agent-calls', 'ask-billing');
    expectFailure(report, 'multi-agent/child-approval-survives-crash', 'step-isolation', 'triage-ticket');
  });

  it('comes out L0 and fails the gate', () => {
    expect(report.scorecard.level).toBe('L0');
    expect(report.scorecard.score).toBeLessThan(50);
    expect(report.gate.passed).toBe(false);
  });

  it('repeats a charge when it crashes after the effect (no idempotency key)', () => {
    expectFailure(report, 'crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card');
    const evidence = propertyOf(report, 'crash-recovery/crash-after-charge', 'effects-exactly-once')!.evidence[0];
    expect(evidence.attempts).toEqual([1, 2]);
    expect(evidence.fault).toContain('crash-worker after-effect charge-card');
  });

  it('repeats a write whose response was lost, and a transfer cut off in flight', () => {
    expectFailure(report, 'effect-safety/lost-response-on-write', 'effects-exactly-once', 'refund-payment');
    expectFailure(report, 'effect-safety/crash-during-write', 'effects-exactly-once', 'transfer-funds');
  });

  it('charges again when a stall outlasts its call\'s timeout right after the charge (its caller gave up, the retry has no key)', () => {
    // Charged twice in 5 of 5 runs (seeds 1 and 7); the answer waiting in its socket may win the race on waking (the scenario's README).
    expectChargedAgainUnlessAnswerRead(report, 'effect-safety/stall-past-client-timeout', 'charge-card');
  });

  it('a second worker restarts the run from scratch while the first still runs it', () => {
    expectFailure(report, 'crash-recovery/second-worker-mid-run', 'effects-exactly-once', 'charge-cart');
  });

  it('a stalled worker that wakes up after a second one took over charges again', () => {
    // Nothing tells the woken loop that the run is no longer its own.
    expectFailure(report, 'crash-recovery/zombie-worker-wakes-up', 'effects-exactly-once', 'charge-cart');
  });

  it('a second worker that comes up while the run waits starts it again from its first step', () => {
    // The loop keeps runs in memory: a new process knows only that the run exists, and re-runs the model call.
    expectFailure(report, 'approvals/approved-on-two-workers', 'step-isolation', 'plan-migration');
  });

  it('restarts both runs of a checkout from scratch after a crash, charging again', () => {
    // Two runs in flight: a crash after the first charge repeats a charge, attributed to its run.
    expectFailure(report, 'effect-safety/two-runs-same-write', 'effects-exactly-once', 'charge-card');
    expect(propertyOf(report, 'effect-safety/two-runs-same-write', 'effects-exactly-once')!.evidence.every((e) => /^run [12]: /.test(e.message))).toBe(true);
  });

  it('runs a duplicate start twice, charging twice', () => {
    expectFailure(report, 'effect-safety/duplicate-start', 'effects-exactly-once', 'charge-order');
  });

  it('re-runs completed model calls after a crash and counts the wasted tokens', () => {
    expectFailure(report, 'step-replay/crash-midway-chain', 'step-isolation', 'outline');
    expect(caseOf(report, 'step-replay/crash-midway-chain').metrics!.wastedTokens).toBeGreaterThanOrEqual(15000);
  });

  it('loses an approval given before the run waited', () => {
    expectFailure(report, 'approvals/approval-before-wait', 'approval-integrity', 'approve-access');
    expectFailure(report, 'approvals/approval-before-wait', 'no-phantom-effects', 'deny-access');
  });

  it('restarts a sleep, and an approval timeout, from zero after a crash', () => {
    expectFailure(report, 'timers/sleep-across-restart', 'durable-timers', 'wait-for-reply');
    expectFailure(report, 'approvals/nobody-answers', 'durable-timers', 'approve-discount');
  });

  it('gives up on a tool that fails three times', () => {
    expectFailure(report, 'step-replay/flaky-tool-retried-alone', 'completes');
  });

  it('still passes what a demo loop does get right (no false alarm on naive either)', () => {
    // Without a crash, a late approval is ignored by its in-memory timer.
    expect(caseOf(report, 'approvals/approval-after-timeout').verdict).toBe('pass');
    // It still takes the on-timeout path when nobody answers (only later than it should):
    // its one approval-integrity failure there is the repeated request, asserted below.
    expect(propertyOf(report, 'approvals/nobody-answers', 'approval-integrity')!.evidence.map((e) => e.message)).toEqual([expect.stringContaining('the human was asked for approve-discount 2 times')]);
  });

  it('asks the human again, unkeyed, after its restart during the wait', () => {
    expectFailure(report, 'approvals/nobody-answers', 'approval-integrity', 'approve-discount');
    expect(propertyOf(report, 'approvals/nobody-answers', 'approval-integrity')!.evidence[0].attempts).toEqual([1, 2]);
  });

  it('calls its sub-agent again under a fresh id after a restart, a second start or a second worker: both children named', () => {
    expectFailure(report, 'multi-agent/parent-crashes-after-child-started', 'agent-calls', 'ask-billing');
    expectFailure(report, 'multi-agent/parent-started-twice-while-child-runs', 'agent-calls', 'ask-billing');
    expect(propertyOf(report, 'multi-agent/parent-started-twice-while-child-runs', 'agent-calls')!.evidence[0].message).toMatch(/started agent billing 2 times: child run \S+ .*, child run \S+/);
    expectFailure(report, 'multi-agent/parent-started-twice-while-child-runs', 'effects-exactly-once', 'refund-payment');
    // Restarted after the reply was sent, it runs the whole plan again: a second child, a second refund.
    expectFailure(report, 'multi-agent/child-answer-delivered-again', 'agent-calls', 'ask-billing');
    expectFailure(report, 'multi-agent/child-answer-delivered-again', 'effects-exactly-once', 'refund-payment');
    // A crash in the shipping agent cuts off the billing agent's refund beside it: made again, unkeyed.
    expectFailure(report, 'multi-agent/other-agent-crashes-mid-refund', 'effects-exactly-once', 'refund-payment');
    // One worker for parent and child: the crash in the child's plan kills both, and the restarted parent calls a new sub-agent (decision 0110).
    expectFailure(report, 'multi-agent/child-worker-dies-mid-refund', 'agent-calls', 'ask-billing');
    expectFailure(report, 'multi-agent/child-worker-dies-mid-refund', 'effects-exactly-once', 'refund-payment');
    // Beside a second worker it has no lease: both workers call the sub-agent and refund.
    expectFailure(report, 'multi-agent/zombie-parent-while-child-refunds', 'agent-calls', 'ask-billing');
    expectFailure(report, 'multi-agent/zombie-parent-while-child-refunds', 'effects-exactly-once', 'refund-payment');
  });

  it('pays for the whole run again after a crash: over its token budget, the crossing call and the crash named', () => {
    expectFailure(report, 'policy/replayed-model-calls-over-budget', 'policy');
    const evidence = propertyOf(report, 'policy/replayed-model-calls-over-budget', 'policy')!.evidence[0];
    expect(evidence.message).toMatch(/^rule 1 \(token-budget: 31000 tokens per run\) broken: .* past the run's budget of 31000 .*after crash-worker after-effect write-report/);
  });

  it('every failing case carries the command that replays it', () => {
    for (const c of report.cases.filter((x) => x.verdict === 'fail')) expect(c.repro).toBe(`npx agentcheck run ${c.id} --adapter naive --seed 7`);
  });
});
