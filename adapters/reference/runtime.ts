// The reference runtime's worker loop: it polls the journal for running runs and
// executes each with write-ahead journaling, leases, idempotency keys and durable
// deadlines. What each of those does is a part (parts.ts); the loop only wires them.
import { agentResult, executePlan, type Decision, type Plan, type Primitives, type RunOutput } from '../../harness/plan/index.js';
import { announceIdle, announceReady, callWithRetry, EffectCallError, exitOnTerm, ledgerFromEnv, sleep } from '../../harness/kit.js';
import { openJournal, type RunRow, type StepRow } from './journal.js';
import { loadTracing } from './load-tracing.js';
import type { Lease, WorkerParts } from './parts.js';
import type { Context } from '@opentelemetry/api';

const POLL_MS = 10;

/** AGENTCHECK_REFERENCE_RUNS: `parents`, `children`, or unset for every run. */
function runsServed(): 'parents' | 'children' | 'all' {
  const v = process.env.AGENTCHECK_REFERENCE_RUNS;
  if (v === undefined || v === '') return 'all';
  if (v === 'parents' || v === 'children') return v;
  throw new Error(`AGENTCHECK_REFERENCE_RUNS is "${v}": expected parents or children`);
}

class LeaseLost extends Error {}

export async function runWorker(file: string, parts: WorkerParts): Promise<never> {
  const me = `${process.pid}`;
  const ledger = ledgerFromEnv();
  const db = openJournal(file);
  // The OpenTelemetry SDK is loaded only when the harness gave a collector (OTEL_*): it slows a worker's start.
  const tracing = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? (await loadTracing()).startTracing(parts) : undefined;
  const executing = new Set<string>();
  const getStep = db.prepare('SELECT * FROM steps WHERE run_id = ? AND step_id = ?');
  const finishRun = db.prepare('UPDATE runs SET status = ?, output = ?, error = ?, finished_at = ? WHERE id = ? AND owner = ?');
  // Which runs this worker claims (decision 0110): all, or only the harness's runs, or only
  // child runs, when the case gives its children a worker process of their own.
  const serves = runsServed();
  const runningRuns = db.prepare(`SELECT id, plan, root, agent_step FROM runs WHERE status = 'running'${serves === 'parents' ? ' AND parent IS NULL' : serves === 'children' ? ' AND parent IS NOT NULL' : ''}`);
  // A child run is a row like any run: a crash of the worker leaves it to be claimed again.
  const startChild = db.prepare(`INSERT OR IGNORE INTO runs (id, plan, status, created_at, parent, root, agent_step) VALUES (?, ?, 'running', ?, ?, ?, ?)`);
  const getRun = db.prepare('SELECT * FROM runs WHERE id = ?');
  const claim = db.prepare(`UPDATE runs SET owner = ?, lease_until = ? WHERE id = ? AND status = 'running' AND (owner IS NULL OR owner = ? OR lease_until < ?)`);
  // Renewed only while it has not run out: another worker may claim an expired lease at
  // any moment, so a worker never acts on one, even if nobody has claimed it yet.
  const renew = db.prepare(`UPDATE runs SET lease_until = ? WHERE id = ? AND owner = ? AND lease_until >= ?`);

  const lost = new Set<string>();
  const lease: Lease = {
    extend(runId) {
      const now = Date.now();
      if (lost.has(runId) || renew.run(now + parts.lease.ms, runId, me, now).changes === 0) lost.add(runId);
      return !lost.has(runId);
    },
    lostByTimer: (runId) => lost.has(runId),
  };
  const ensureOwner = (run: { runId: string; plan: Plan }, stepId: string, attempt?: number) => {
    const before = attempt === undefined ? 'step' : 'retry';
    if (!parts.fence(lease, run.runId, before, { db, plan: run.plan, stepId, ...(attempt !== undefined ? { attempt } : {}) })) throw new LeaseLost(`${run.runId}: lease lost to another worker`);
  };

  /** Run `work` once per step: a finished step returns its journaled result instead. */
  async function journaled(run: { runId: string; plan: Plan }, stepId: string, work: () => Promise<string>): Promise<string> {
    const row = getStep.get(run.runId, stepId) as StepRow | undefined;
    if (row?.status === 'done') return row.result ?? '';
    ensureOwner(run, stepId);
    parts.begin(db, run, stepId);
    const result = await work();
    parts.record(db, run, stepId, result);
    // Its spans reach the collector before the run goes on (docs/traces.md).
    await tracing?.flushed();
    return result;
  }

  /** How a run's call to the outside world is retried: only while it owns the run, each attempt a span of its own when traced. */
  function retryOptions(run: { runId: string; plan: Plan }, stepId: string, traced?: Context) {
    return {
      maxAttempts: parts.maxAttempts,
      beforeAttempt: (attempt: number) => ensureOwner(run, stepId, attempt),
      ...(tracing && traced ? { aroundAttempt: (call: (headers: Record<string, string>) => Promise<string>) => tracing.attempt(traced, run.runId, stepId, call) } : {}),
    };
  }

  /** `root`: the run the harness started, which the ledger files a child's calls under. */
  function primitivesFor(run: { runId: string; plan: Plan; root: string }, traced?: Context): Primitives {
    const { runId } = run;
    const onLedger = run.root === runId ? { runId } : { runId: run.root, childRun: runId };
    const retry = (stepId: string) => retryOptions(run, stepId, traced);
    return {
      effect: (step) =>
        journaled(run, step.id, () => {
          const key = parts.idempotencyKey({ runId, step, request: 'effect' });
          return callWithRetry(ledger, {
            ...onLedger,
            stepId: step.id,
            kind: step.kind,
            ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }),
            ...(key ? { idempotencyKey: key } : {}),
          }, retry(step.id)).catch((err: unknown) => {
            const instead = err instanceof EffectCallError && !err.retryable ? parts.onRefused(err) : undefined;
            if (instead === undefined) throw err;
            return instead;
          });
        }),
      approval: async (step) =>
        (await journaled(run, step.id, async () => {
          const key = parts.idempotencyKey({ runId, step, request: 'approval-request' });
          await callWithRetry(ledger, { ...onLedger, stepId: step.id, kind: 'approval-request', ...(key ? { idempotencyKey: key } : {}) }, retry(step.id));
          const startedAt = Date.now();
          const deadline = parts.deadline(db, runId, step.id, step.timeoutMs);
          for (;;) {
            const answer = parts.decision(db, { runId, stepId: step.id, deadline, startedAt });
            if (answer) return answer === 'approve' ? 'approved' : answer === 'reject' ? 'rejected' : 'timed-out';
            await sleep(POLL_MS);
          }
        })) as Decision,
      agent: (step) =>
        journaled(run, step.id, async () => {
          let childId = parts.childRunId(runId, step);
          if (tracing && traced) tracing.handOver(traced, db, childId);
          const childPlan = JSON.stringify({ name: step.agent, steps: step.plan.steps });
          startChild.run(childId, childPlan, Date.now(), runId, run.root, step.id);
          let replaced = false;
          for (;;) {
            const child = getRun.get(childId) as unknown as RunRow;
            if (parts.silentChild === 'start-another' && !replaced && child.status === 'running' && child.owner !== null && (child.lease_until ?? 0) < Date.now()) {
              replaced = true;
              childId = `${childId}/again-${Date.now()}`;
              startChild.run(childId, childPlan, Date.now(), runId, run.root, step.id);
              continue;
            }
            if (child.status === 'completed') return agentResult(JSON.parse(child.output!) as RunOutput);
            if (child.status === 'failed') throw new Error(`agent ${step.agent} (${childId}) failed: ${child.error}`);
            await sleep(POLL_MS);
          }
        }),
      // Every branch settles before the run gives up: were the run to return on one
      // branch's lost lease while a sibling still ran, this worker could claim it again
      // and run that sibling a second time in the same process.
      parallel: async (branches, group) => {
        const settled = await Promise.allSettled(branches.map((steps) => group.branch(steps)));
        const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failed) throw failed.reason;
      },
      sleep: async (step) => {
        await journaled(run, step.id, async () => {
          const wakeAt = parts.deadline(db, runId, step.id, step.ms);
          while (Date.now() < wakeAt) await sleep(Math.min(POLL_MS, wakeAt - Date.now()));
          return '';
        });
      },
    };
  }

  async function execute(row: Pick<RunRow, 'id' | 'plan' | 'root' | 'agent_step'>): Promise<void> {
    const traced = tracing?.execution(db, row.id);
    try {
      const plan = JSON.parse(row.plan) as Plan;
      const run = { runId: row.id, plan, root: row.root ?? row.id };
      if (row.agent_step) {
        // A child's first act: tell the outside world it started, once (journaled, keyed).
        const agentStep = row.agent_step;
        await journaled(run, agentStep, () =>
          callWithRetry(ledger, { runId: run.root, childRun: row.id, stepId: agentStep, kind: 'agent-start', idempotencyKey: `${row.id}/start` }, retryOptions(run, agentStep, traced?.context)),
        );
      }
      const output = await executePlan(plan, primitivesFor(run, traced?.context));
      await traced?.end();
      finishRun.run('completed', JSON.stringify(output), null, Date.now(), row.id, me);
    } catch (err) {
      await traced?.end(err as Error);
      if (err instanceof LeaseLost) return; // the new owner finishes the run
      finishRun.run('failed', null, (err as Error).message, Date.now(), row.id, me);
    }
  }

  exitOnTerm();
  announceReady();
  setInterval(() => {
    for (const id of executing) lease.extend(id);
  }, parts.lease.renewEveryMs);
  for (;;) {
    const lookedAt = Date.now();
    for (const row of runningRuns.all() as Pick<RunRow, 'id' | 'plan' | 'root' | 'agent_step'>[]) {
      if (executing.has(row.id)) continue;
      const now = Date.now();
      if (claim.run(me, now + parts.lease.ms, row.id, me, now).changes === 0) continue;
      lost.delete(row.id);
      announceIdle(false);
      executing.add(row.id);
      void execute(row).finally(() => executing.delete(row.id));
    }
    // Idle only with no run in hand: a worker that lost its lease stays busy until its
    // run gave up, so whatever a stray duplicate still does is recorded before judging.
    announceIdle(executing.size === 0, lookedAt);
    await sleep(POLL_MS);
  }
}
