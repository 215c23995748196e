import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { tookEffect } from '../harness/ledger/events.js';
import { agentcheck } from './cli.js';
import { caseOf, expectChargedAgainUnlessAnswerRead, expectPassedUnlessRaced, expectPassedUnlessRacedOrResumedTwice, effectsOfRuns, expectFailure, propertyOf, runBuiltIns } from './helpers.js';
import { expectSubgraphVerdicts, multiAgent } from './langgraph-subgraphs.js';

// LangGraph.js with the SQLite checkpointer (docs/adapters/langgraph.md). Only verdicts
// that follow from LangGraph's design are asserted, each with the reason; racy ones
// (two resumes of one thread at once) are left to the docs, with their frequencies.

const effectFailures = [
  // A node's result is saved only after the node returns; a crash after the call re-runs the node, and LangGraph passes no idempotency key.
  ['crash-recovery/crash-after-charge', 'charge-card'],
  // The bank applied the transfer while the worker died: the resumed run calls it again.
  ['effect-safety/crash-during-write', 'transfer-funds'],
  // The booking's node never returned, so its superstep re-runs it (its siblings' saved writes are kept).
  ['crash-recovery/parallel-tools-with-crash', 'reserve-hotel'],
  // RetryPolicy retries the node after the dropped answer, without a key: two refunds.
  ['effect-safety/lost-response-on-write', 'refund-payment'],
  // invoke() with input on a thread that already runs starts the graph again from START.
  ['effect-safety/duplicate-start', 'charge-order'],
  // Two threads in flight when the worker dies: each resumed thread re-runs its unfinished charge node, unkeyed.
  ['effect-safety/two-runs-same-write', 'charge-card'],
  // A frozen worker ran the parent and its child: the second worker resumes the child's refund node, which never returned, unkeyed; the woken one goes on with its own invoke().
  ['multi-agent/zombie-parent-while-child-refunds', 'refund-payment'],
  // A crash right after the refund: its node re-runs, unkeyed.
  ['policy/duplicate-approval-refunds-once', 'refund'],
] as const;

describe('the built-in suite against LangGraph (graph API)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('langgraph');
  });

  it.each(effectFailures)('%s: repeats %s', (id, step) => expectFailure(report, id, 'effects-exactly-once', step));

  it('resumes a subgraph\'s interrupt through the parent\'s thread when the approval is the child\'s, across a crash during its wait', () => {
    // The interrupt surfaces in the parent thread's pending tasks; Command({ resume }) on that thread reaches it (decision 0112).
    expectPassedUnlessRaced(report, 'multi-agent/child-approval-survives-crash');
  });

  it('a second replica that resumes unfinished threads at start runs a thread still running elsewhere: the charge repeats', () => {
    // LangGraph has no ownership of a thread: the app's start-up resume (which LangGraph
    // needs, since nothing resumes a crashed run by itself) races the live worker.
    expectFailure(report, 'crash-recovery/second-worker-mid-run', 'effects-exactly-once', 'charge-cart');
  });

  it('a worker that stalls and wakes after a second one took over runs the rest of the thread again', () => {
    // Nothing fences a LangGraph process: the woken worker finishes its invoke() from where it stopped.
    expectFailure(report, 'crash-recovery/zombie-worker-wakes-up', 'effects-exactly-once', 'charge-cart');
    expectFailure(report, 'crash-recovery/zombie-worker-wakes-up', 'step-isolation', 'write-confirmation');
  });

  it('a worker stalled past its call\'s timeout right after the charge: RetryPolicy charges again, unkeyed, unless the answer was read first', () => {
    // The same class as lost-response-on-write; charged twice in 9 of 11 runs (seeds 1, 2), docs/adapters/langgraph.md.
    expectChargedAgainUnlessAnswerRead(report, 'effect-safety/stall-past-client-timeout', 'charge-card');
  });

  it('policy: a refund re-run unkeyed after a crash breaks the call budget; a refused call ends the run, asked once', () => {
    // The same unkeyed re-run as crash-after-charge, seen as the company's budget of one refund per run.
    expectFailure(report, 'policy/duplicate-approval-refunds-once', 'policy', 'refund');
    // LangGraph's default retryOn leaves an error with a 4xx status alone: the node fails, the run with it.
    for (const id of ['policy/forbidden-tool-refused', 'policy/budget-refuses-model-call']) expect(propertyOf(report, id, 'policy')?.verdict, id).toBe('pass');
  });

  it('agent steps run as subgraphs: a crashed parent resumes its child, a duplicate start makes a second child', () => {
    // Decisions 0080, 0081; several seeds and Postgres in test/langgraph-subgraphs.long.ts.
    expectSubgraphVerdicts(report);
  });

  it('comes out L0: a crash can repeat a write', () => {
    expect(report.scorecard.level).toBe('L0');
    expect(report.gate.passed).toBe(false);
  });

  it('routes each decision to its own thread: two runs waiting at the same approval each take their own answer', () => {
    // Command({ resume }) goes to the thread named by the run id, so run 2's rejection never reaches run 1's interrupt.
    expect(caseOf(report, 'approvals/two-runs-different-answers').verdict).toBe('pass');
  });

  it('resumes at the crashed node, not from the start: completed nodes are checkpointed', () => {
    for (const id of ['step-replay/crash-midway-chain', 'crash-recovery/crash-before-effect', 'crash-recovery/crash-during-slow-llm']) {
      expect(propertyOf(report, id, 'step-isolation')?.verdict, id).toBe('pass');
      expect(caseOf(report, id).verdict, id).not.toBe('fail');
    }
  });

  it('keeps an interrupted thread across a crash, and times out with the deadline saved in state', () => {
    // The interrupt is in the checkpoint; the app re-arms the saved deadline after a restart.
    for (const id of ['approvals/approval-survives-crash', 'approvals/several-approvals', 'approvals/nobody-answers', 'approvals/approval-after-timeout']) {
      expectPassedUnlessRaced(report, id);
    }
    // The app answers 409 until the interrupt exists, so the early human retries and is not lost.
    expect(caseOf(report, 'approvals/approval-before-wait').verdict).toBe('pass');
  });

  it('sleeps only the rest after a crash: the wake-up time is saved by the node before the sleep', () => {
    expect(propertyOf(report, 'timers/sleep-across-restart', 'durable-timers')?.verdict).toBe('pass');
  });

  it('a double-clicked approval still completes (whether it ran the branch twice is a race: see the docs)', () => {
    expect(propertyOf(report, 'approvals/duplicate-approval', 'completes')?.verdict).toBe('pass');
  });

  it('its checkpoint history agrees with the ledger wherever the run completed', () => {
    const audits = report.cases.flatMap((c) => c.properties.filter((p) => p.id === 'audit-trail').map((p) => [c.id, p.verdict] as const));
    expect(audits.length).toBeGreaterThan(10);
    expect(audits.filter(([, v]) => v === 'fail')).toEqual([]);
  });

  it('skips the runtime restart with the reason: LangGraph has no server', () => {
    const c = caseOf(report, 'runtime-durability/restart-runtime-mid-run');
    expect(c.verdict).toBe('skipped');
    expect(c.skipReason).toContain('no server');
  });
});

describe('two concurrent resumes of one thread from two processes (graph API, run 4 times)', () => {
  // Two workers are up while the thread waits; the approval arrives twice at once, once at
  // each (the adapter spreads requests over live workers like a load balancer). Whether
  // the second process still finds the interrupt pending is a race (7 of 8 seeds ran the
  // branch twice, docs/adapters/langgraph.md), so what always holds is asserted, and the
  // report's frequencies are checked to add up.
  const id = 'approvals/approved-on-two-workers';
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('langgraph', [id], { repeat: 4 });
  });

  it('reports how often each verdict came out', () => {
    const { repeats } = caseOf(report, id);
    expect(repeats?.runs).toBe(4);
    expect(repeats!.verdicts.pass + repeats!.verdicts.fail).toBe(4);
    expect(repeats!.verdicts.unknown).toBe(0);
  });

  it('always completes with the human\'s decision; only effects-exactly-once and step-isolation can fail', () => {
    // The interrupt is answered either way; what the race decides is whether the branch runs once or twice.
    expect(Object.keys(caseOf(report, id).repeats!.properties).filter((p) => p !== 'effects-exactly-once' && p !== 'step-isolation')).toEqual([]);
  });

  it('never re-runs the model call before the wait; a repeated step after it ran once in each process', () => {
    for (const [run, effects] of effectsOfRuns(report, id).entries()) {
      const applied = (step: string) => effects.filter((e) => e.stepId === step && tookEffect(e));
      // plan-migration is checkpointed before the interrupt: neither resume re-runs it.
      expect(applied('plan-migration'), `run ${run + 1}`).toHaveLength(1);
      for (const step of ['run-migration', 'notify-team']) {
        const calls = applied(step);
        expect([1, 2], `run ${run + 1} ${step}`).toContain(calls.length);
        // Two calls are two resumes, one in each worker process, never one process twice.
        if (calls.length === 2) expect(calls[0]!.pid, `run ${run + 1} ${step}`).not.toBe(calls[1]!.pid);
      }
    }
  });
});

describe('the known-bad langgraph-unsafe fixture (work before interrupt() in the same node)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('langgraph-unsafe', ['approvals/*']);
  });

  it('re-runs the model call before interrupt() on every resume', () => {
    // LangGraph resumes an interrupted node from its top: the call before interrupt() is made again.
    expectFailure(report, 'approvals/approval-survives-crash', 'step-isolation', 'draft-refund');
    expectFailure(report, 'approvals/approval-after-timeout', 'step-isolation', 'assess-refund');
    expectFailure(report, 'approvals/several-approvals', 'step-isolation', 'draft-contract');
  });
});

describe('the built-in suite against LangGraph (functional API)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('langgraph-functional', [
      'crash-recovery/*',
      'step-replay/crash-midway-chain',
      'approvals/approval-survives-crash',
      'approvals/nobody-answers',
      'multi-agent/nested-agents-crash',
    ]);
  });

  it('repeats a write cut off by a crash: a task that did not return is run again', () => {
    expectFailure(report, 'crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card');
  });

  it('runs a thread twice when a second replica resumes it while it still runs', () => {
    // The entrypoint is re-entered by the second worker's start-up resume; tasks still in flight run again.
    expectFailure(report, 'crash-recovery/second-worker-mid-run', 'effects-exactly-once', 'charge-cart');
    // A stalled worker that wakes after the takeover goes on with its own invoke(): the charge a third time.
    expectFailure(report, 'crash-recovery/zombie-worker-wakes-up', 'effects-exactly-once', 'charge-cart');
  });

  it('returns finished tasks from the checkpoint when the entrypoint runs again', () => {
    expect(propertyOf(report, 'step-replay/crash-midway-chain', 'step-isolation')?.verdict).toBe('pass');
    // Seen at load 13: the restart near the deadline, both resumes ran, notify-declined beside the approval.
    expectPassedUnlessRacedOrResumedTwice(report, 'approvals/approval-survives-crash', ['issue-refund', 'notify-declined']);
    expect(caseOf(report, 'approvals/nobody-answers').verdict).toBe('pass');
  });

  it("an agent step's task re-run after a crash resumes the child's entrypoint from its checkpoints, two levels down", () => {
    // The agent task runs again under the same task id; the child entrypoint, invoked in that
    // task's namespace, returns its finished tasks from its own checkpoint (decision 0080).
    expect(caseOf(report, multiAgent('nested-agents-crash')).verdict).toBe('pass');
    expect(propertyOf(report, multiAgent('nested-agents-crash'), 'agent-calls')?.verdict).toBe('pass');
  });

  it('has no audit trail: task results are saved under task ids, without names', () => {
    expect(report.scorecard.categories.find((c) => c.id === 'audit-trail')?.score ?? null).toBeNull();
  });
});

describe('AGENTCHECK_LANGGRAPH_DURABILITY', () => {
  it('a value LangGraph does not have: exit 2 before any case, one line naming the variable and the choices', async () => {
    const r = await agentcheck(['run', 'crash-recovery/crash-before-effect', '--adapter', 'langgraph'], { AGENTCHECK_LANGGRAPH_DURABILITY: 'fast' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/AGENTCHECK_LANGGRAPH_DURABILITY=fast: expected one of async, sync, exit/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
