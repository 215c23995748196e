import { execa } from 'execa';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../harness/ledger/events.js';
import type { Report } from '../harness/report/schema.js';
import { RestateServer } from '../adapters/restate/server.js';
import { CHILD_WORKER_CASE, expectChildWorkerKilledAlone } from './child-worker-record.js';
import { callTraces, caseOf, expectEveryWorkerFromASpare, expectFailure, expectPassedUnlessRaced, propertyOf, runBuiltIns, tracesFindings, undecidedByRace } from './helpers.js';

// End to end against a real restate-server (from npm) and real SDK endpoint workers.
// Asserted: what Restate guarantees on every run. Where the outcome depends on where
// a crash lands in Restate's documented at-least-once window, the invariant is
// asserted instead of a coin flip (see approvalWaitRestarted).

/** Processes of ours still alive: restate-server binaries and Restate endpoint workers. */
// This checkout's: another checkout's test run on the same machine (a second clone, a
// worktree) has restate-servers and workers of its own, under its own path.
const checkout = join(import.meta.dirname, '..') + '/';

function leftovers(): string[] {
  return execSync('ps -eo pid,args', { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(checkout) && /restate-server-[a-z]+-[a-z0-9]+\/bin\/restate-server|dist\/adapters\/restate[a-z-]*\/worker\.js/.test(l));
}

function effects(report: Report, caseId: string): LedgerEvent[] {
  const file = join(caseOf(report, caseId).dir, 'effects.jsonl');
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LedgerEvent);
}

/**
 * Restate's timer starts when its Sleep command reaches the server. A worker killed
 * while waiting, in the few ms before the approval's timer was journaled, restarts
 * that wait on replay (the crash-while-waiting fault lands 30 ms after the approval
 * request; on a loaded machine that is sometimes before the timer is recorded). Then,
 * and only then, durable-timers fails, on that approval, as a restarted (never a
 * shortened) wait, and everything else about the run still holds.
 */
function approvalWaitRestarted(report: Report, caseId: string): boolean {
  const c = caseOf(report, caseId);
  const bad = c.properties.filter((p) => p.verdict !== 'pass');
  if (bad.length !== 1 || bad[0].id !== 'durable-timers') return false;
  const crashedWaiting = (step?: string) => c.faults.some((f) => f.startsWith('crash-worker waiting ' + step + ' '));
  return bad[0].evidence.every((e) => crashedWaiting(e.step) && e.message.includes('a whole length again'));
}

/**
 * Restate's one real failure in the suite (issue 21, docs/adapters/restate.md): a decision
 * sent while the endpoint is down is taken by the shared handler only once it is back,
 * after the deadline here; the run times out, and the delivery answers ok afterwards.
 */
const TOLD_OK_NOT_TAKEN = 'approvals/approved-while-down-past-deadline';

describe('the built-in suite against restate (restate-server started per case)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('restate', [], { seed: 1 });
  });

  it('passes every case but one, runtime durability included', () => {
    const notPassing = report.cases.filter((c) => c.verdict !== 'pass' && c.id !== TOLD_OK_NOT_TAKEN && !approvalWaitRestarted(report, c.id));
    // ctx.run journals each step, idempotency keys absorb the re-run of the one step a crash cut off.
    expect(notPassing.map((c) => `${c.id}: ${c.error ?? ''} ${c.properties.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`).join('; ')}`)).toEqual([]);
    // Nothing is skipped: the adapter can kill and restart its own restate-server.
    expect(report.cases.filter((c) => c.verdict === 'skipped')).toEqual([]);
  });

  it('runs agent steps as durable workflow-to-workflow calls: one child per step, linked in the journal', () => {
    for (const c of report.cases.filter((x) => x.category === 'multi-agent')) {
      expect(propertyOf(report, c.id, 'agent-calls')?.verdict, c.id).toBe('pass');
      expect(propertyOf(report, c.id, 'audit-trail')?.verdict, c.id).toBe('pass');
    }
  });

  it('serves the children from an endpoint of their own, a deployment of its own: a crash in a child\'s plan kills that worker alone', () => {
    // The parent's invocation waits on its Call while restate-server retries the child's on the restarted child endpoint.
    expect(caseOf(report, CHILD_WORKER_CASE).verdict).toBe('pass');
    expectChildWorkerKilledAlone(report);
    // A crash at the agent step itself is the parent's (decision 0111): the children's worker lives on.
    const parentCrash = caseOf(report, 'multi-agent/parent-crashes-after-child-started');
    const killed = readFileSync(join(parentCrash.dir!, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event?: string; serves?: string }).filter((e) => e.event === 'killed');
    expect(killed.map((e) => e.serves ?? 'parent')).toEqual(['parent']);
  });

  it('resolves the child workflow\'s own durable promise when the approval is the child\'s, across a crash during its wait', () => {
    // decide() on the child's key (<run>/<step>): the promise outlives the worker (decision 0112).
    expectPassedUnlessRaced(report, 'multi-agent/child-approval-survives-crash');
  });

  it('keeps every policy through crashes and a duplicate approval, and fails a run cleanly where the gateway refuses a call', () => {
    // ctx.run journals each model call; a 403 is a TerminalError: the workflow fails at once, asking once.
    for (const c of report.cases.filter((x) => x.category === 'policy')) expect(propertyOf(report, c.id, 'policy')?.verdict, c.id).toBe('pass');
    expect(caseOf(report, 'policy/forbidden-tool-refused').verdict).toBe('pass');
  });

  it('kills restate-server mid-run and loses nothing: the charge takes effect once', () => {
    const c = caseOf(report, 'runtime-durability/restart-runtime-mid-run');
    // Restate's log is on disk before it acknowledges; a SIGKILLed server resumes the run where it was.
    expect(c.verdict).toBe('pass');
    const charges = effects(report, c.id).filter((e) => e.stepId === 'charge-card' && (e.outcome === 'applied' || e.outcome === 'response-lost'));
    // A charge re-run after the crash (if the server died before recording it) is deduplicated by its key.
    expect(charges).toHaveLength(1);
  });

  it('re-runs only the model call a crash cut off, never the finished ones', () => {
    // ctx.run is at-least-once for the step in flight, exactly-once for journaled steps.
    expect(caseOf(report, 'crash-recovery/crash-during-slow-llm').metrics).toMatchObject({ reExecutedLlmCalls: 1, wastedTokens: 6000 });
    expect(propertyOf(report, 'step-replay/crash-midway-chain', 'step-isolation')?.verdict).toBe('pass');
  });

  it('reads every run\'s journal back for the audit trail', () => {
    // ReadsHistory: sys_journal lists every ctx.run, promise and timer of the run.
    expect(report.cases.every((c) => propertyOf(report, c.id, 'audit-trail')?.verdict === 'pass')).toBe(true);
  });

  it('handles approvals twice, early, late, and across a crash', () => {
    // A durable promise resolves once; it can be resolved before the run waits; after the timer won, nobody reads it.
    for (const id of ['approvals/duplicate-approval', 'approvals/duplicate-approval-spaced', 'approvals/approval-before-wait', 'approvals/approval-after-timeout']) {
      expect(propertyOf(report, id, 'approval-integrity')?.verdict, id).toBe('pass');
    }
    // Across a crash, the answer may race the restarted worker's start on a loaded machine (undecidedByRace).
    const acrossCrash = caseOf(report, 'approvals/approval-survives-crash');
    if (!undecidedByRace(acrossCrash)) expect(propertyOf(report, acrossCrash.id, 'approval-integrity')?.verdict).toBe('pass');
    // Duplicate start: a workflow runs once per key.
    expect(caseOf(report, 'effect-safety/duplicate-start').verdict).toBe('pass');
  });

  it('tells the human ok for a decision sent while the endpoint was down, which the run never took (the outage spans the deadline)', () => {
    expectFailure(report, TOLD_OK_NOT_TAKEN, 'approval-integrity', 'approve-release');
    const told = propertyOf(report, TOLD_OK_NOT_TAKEN, 'approval-integrity')!.evidence.map((e) => e.message);
    expect(told).toEqual([expect.stringMatching(/the human was told ok at .* for "approve" \(given at .*, before the deadline at .*\), but the run took timed-out/)]);
    // Timing out is Restate's to choose here (the worker was back only after the deadline): nothing else fails.
    expect(caseOf(report, TOLD_OK_NOT_TAKEN).properties.filter((p) => p.verdict !== 'pass').map((p) => p.id)).toEqual(['approval-integrity']);
  });

  it('recovers from a worker crash in well under a second with the test retry policy', () => {
    const recoveries = report.cases.flatMap((c) => c.metrics?.recoveryMs ?? []);
    expect(recoveries.length).toBeGreaterThan(5);
    // 50 ms doubling to 250 ms (plus jitter): the next attempt comes ~300 ms at most after the worker
    // is back. The median, since a recovery that ends in a timer (nobody-answers) includes the wait.
    const median = recoveries.sort((a, b) => a - b)[Math.floor(recoveries.length / 2)];
    expect(median).toBeLessThan(600);
  });

  it('traces each ctx.run with the SDK\'s hook under restate-server\'s own spans: one trace per run across crashes', () => {
    // restate-server keeps an invocation's trace context with the invocation and sends it in
    // every attempt's headers, so the endpoint that takes over after a crash continues the
    // trace; each ctx.run that really runs is a span of its own. A span still on its way to
    // the collector when its endpoint is SIGKILLed may be missing (docs/adapters/restate.md).
    expect(tracesFindings(report).filter((m) => !m.includes('never reached the collector'))).toEqual([]);
    const crash = callTraces(report, 'crash-recovery/crash-after-charge');
    expect(crash.pids.size).toBe(2);
    expect([...crash.traces]).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/)]);
    // The server's own spans (OTLP/HTTP, otlp+http://) reached the case's receiver beside the endpoint's.
    const services = readFileSync(join(caseOf(report, 'crash-recovery/crash-after-charge').dir, 'spans.jsonl'), 'utf8').match(/"service\.name":"[^"]+"/g);
    expect(new Set(services)).toEqual(new Set(['"service.name":"Restate"', '"service.name":"restate-worker"']));
  });

  it('starts every worker from a warm spare, a fresh process each time (decision 0126)', () => {
    expectEveryWorkerFromASpare(report);
  });

  it('leaves no restate-server, no worker and no data folder behind', () => {
    expect(leftovers()).toEqual([]);
    for (const c of report.cases) expect(existsSync(join(c.dir, 'restate-data')), c.id).toBe(false);
  });
});

describe('restate-unsafe: write tools called outside ctx.run (known-bad)', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('restate-unsafe', ['approvals/several-approvals', 'timers/sleep-across-restart', 'crash-recovery/crash-after-charge', CHILD_WORKER_CASE], { seed: 1 });
  });

  it('re-sends a finished write when the run is replayed after a crash', () => {
    // stamp-legal was answered and the run moved on to finance-review; the replay after the crash calls it again.
    expectFailure(report, 'approvals/several-approvals', 'step-isolation', 'stamp-legal');
    // send-offer was answered long before the crash in the middle of the sleep; the replay calls it again.
    expectFailure(report, 'timers/sleep-across-restart', 'step-isolation', 'send-offer');
    // The idempotency key is what keeps the outside world safe: the repeat is deduplicated.
    expect(propertyOf(report, 'approvals/several-approvals', 'effects-exactly-once')?.verdict).toBe('pass');
  });

  it('leaves the writes out of Restate\'s journal, so the audit trail misses them', () => {
    // Nothing outside ctx.run is journaled; this holds in every case, crash or not.
    expectFailure(report, 'crash-recovery/crash-after-charge', 'audit-trail', 'charge-card');
    expectFailure(report, 'approvals/several-approvals', 'audit-trail', 'stamp-legal');
    // The same mistake in a child served by its own endpoint (decision 0118).
    expectFailure(report, CHILD_WORKER_CASE, 'audit-trail', 'refund-payment');
  });

  it('fails the gate', () => {
    expect(report.gate.passed).toBe(false);
    expect(report.scorecard.level).toBe('L0');
  });
});

describe('restate against a server the user runs (RESTATE_INGRESS_URL, RESTATE_ADMIN_URL)', () => {
  let server: RestateServer;
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-restate-external-'));
  beforeAll(async () => {
    server = await RestateServer.start(join(dir, 'data'), join(dir, 'server.log'));
  });
  afterAll(async () => {
    delete process.env.RESTATE_INGRESS_URL;
    delete process.env.RESTATE_ADMIN_URL;
    await server?.stop();
  });

  it('runs cases side by side on it, skips the server restart, and removes its deployments', async () => {
    process.env.RESTATE_INGRESS_URL = server.ingressUrl;
    process.env.RESTATE_ADMIN_URL = server.adminUrl;
    const report = await runBuiltIns('restate', ['runtime-durability/*', 'approvals/duplicate-approval', 'crash-recovery/crash-after-charge', CHILD_WORKER_CASE], { seed: 2 });
    // Two cases at once on one server: each has its own service name, so neither reaches the other's worker.
    expect(caseOf(report, 'approvals/duplicate-approval').verdict).toBe('pass');
    // A child on its own endpoint and deployment (decision 0118) works there too; its crash splits the trace, as below.
    expect(caseOf(report, CHILD_WORKER_CASE).properties.filter((p) => p.verdict !== 'pass').map((p) => p.id)).toEqual(['traces']);
    // That server runs without a tracing endpoint, as a user's may: it then sends no trace
    // context in the attempts' headers, the SDK hook starts each attempt's trace anew, and
    // the run resumed after the crash is a second, unlinked trace. Only traces says so.
    const crash = caseOf(report, 'crash-recovery/crash-after-charge');
    expect(crash.properties.filter((p) => p.verdict !== 'pass').map((p) => p.id)).toEqual(['traces']);
    expect(propertyOf(report, crash.id, 'traces')!.evidence.map((e) => e.message)).toEqual([expect.stringContaining('is split into 2 unrelated traces')]);
    // agentcheck does not own the server, so it does not kill it.
    const restart = caseOf(report, 'runtime-durability/restart-runtime-mid-run');
    expect(restart.verdict).toBe('skipped');
    expect(restart.skipReason).toContain('cannot crash and restart its runtime');
    // The children's deployments are removed with the cases' own.
    const deployments = (await (await fetch(`${server.adminUrl}/deployments`)).json()) as { deployments: unknown[] };
    expect(deployments.deployments).toEqual([]);
  });

  it('exits 2 with one line when the server cannot be reached', async () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'agentcheck.js');
    const r = await execa(process.execPath, [bin, 'run', 'approvals/duplicate-approval', '--adapter', 'restate', '--out', join(dir, 'unreachable')], {
      reject: false,
      env: { RESTATE_INGRESS_URL: 'http://127.0.0.1:9', RESTATE_ADMIN_URL: 'http://127.0.0.1:9' },
    });
    expect(r.exitCode).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('agentcheck: '));
    expect(errors).toEqual(['agentcheck: restate: restate-server not reachable at RESTATE_ADMIN_URL=http://127.0.0.1:9 (GET /health failed): start it, or unset RESTATE_ADMIN_URL and RESTATE_INGRESS_URL to let agentcheck start one']);
  });
});
