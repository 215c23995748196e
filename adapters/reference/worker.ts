// The reference runtime's worker: a small, correct durable executor. It polls the
// journal for running runs and executes each with write-ahead journaling, idempotency
// keys on write tools, and deadlines stored once so they survive restarts.
import { type Decision, executePlan, type Plan, type Primitives } from '../../harness/plan/index.js';
import { announceReady, callWithRetry, exitOnTerm, ledgerFromEnv, sleep } from '../../harness/kit.js';
import { openJournal, type RunRow, type StepRow } from './journal.js';

const POLL_MS = 10;
/**
 * A worker owns a run while its lease lasts and renews it as it goes, so a second
 * worker (a rolling deploy, a zombie) never executes the same run at once. After a
 * crash the next worker takes over once the lease has run out.
 */
const LEASE_MS = 300;
const RENEW_MS = 50;
const me = `${process.pid}`;
const ledger = ledgerFromEnv();
const db = openJournal(process.argv[2] ?? 'runtime.db');
const executing = new Set<string>();

const getStep = db.prepare('SELECT * FROM steps WHERE run_id = ? AND step_id = ?');
const markStarted = db.prepare(`
  INSERT INTO steps (run_id, step_id, status, attempts, started_at) VALUES (?, ?, 'started', 1, ?)
  ON CONFLICT (run_id, step_id) DO UPDATE SET attempts = attempts + 1, started_at = excluded.started_at`);
const markDone = db.prepare(`UPDATE steps SET status = 'done', result = ?, finished_at = ? WHERE run_id = ? AND step_id = ?`);
const setWait = db.prepare('INSERT OR IGNORE INTO waits (run_id, step_id, until) VALUES (?, ?, ?)');
const getWait = db.prepare('SELECT until FROM waits WHERE run_id = ? AND step_id = ?');
const firstDecision = db.prepare('SELECT decision FROM inbox WHERE run_id = ? AND step_id = ? AND received_at <= ? ORDER BY seq LIMIT 1');
const finishRun = db.prepare('UPDATE runs SET status = ?, output = ?, error = ?, finished_at = ? WHERE id = ? AND owner = ?');
const runningRuns = db.prepare(`SELECT id, plan FROM runs WHERE status = 'running'`);
const claim = db.prepare(`UPDATE runs SET owner = ?, lease_until = ? WHERE id = ? AND status = 'running' AND (owner IS NULL OR owner = ? OR lease_until < ?)`);
// Renewed only while it has not run out: another worker may claim an expired lease at
// any moment, so a worker never acts on one, even if nobody has claimed it yet.
const renew = db.prepare(`UPDATE runs SET lease_until = ? WHERE id = ? AND owner = ? AND lease_until >= ?`);

class LeaseLost extends Error {}
const lost = new Set<string>();

/** Extend the lease from now, if it is still ours; false once it ran out or was taken. */
function keepLease(runId: string): boolean {
  const now = Date.now();
  if (lost.has(runId) || renew.run(now + LEASE_MS, runId, me, now).changes === 0) lost.add(runId);
  return !lost.has(runId);
}

/**
 * Fencing before every step, in the journal itself: the renewal timer alone is not
 * enough, since a stalled event loop (a GC pause, a busy machine) can outlast the lease
 * before the timer runs again, and another worker has then taken the run.
 */
function ensureOwner(runId: string): void {
  if (!keepLease(runId)) throw new LeaseLost(`${runId}: lease lost to another worker`);
}

/** Run `work` once per step: a finished step returns its journaled result instead. */
async function journaled(runId: string, stepId: string, work: () => Promise<string>): Promise<string> {
  const row = getStep.get(runId, stepId) as StepRow | undefined;
  if (row?.status === 'done') return row.result ?? '';
  ensureOwner(runId);
  markStarted.run(runId, stepId, Date.now());
  const result = await work();
  markDone.run(result, Date.now(), runId, stepId);
  return result;
}

/** A deadline written once: a restart resumes the same wait, it does not start a new one. */
function durableDeadline(runId: string, stepId: string, ms: number): number {
  setWait.run(runId, stepId, Date.now() + ms);
  return (getWait.get(runId, stepId) as { until: number }).until;
}

function primitivesFor(runId: string): Primitives {
  return {
    effect: (step) =>
      journaled(runId, step.id, () =>
        callWithRetry(ledger, {
          runId,
          stepId: step.id,
          kind: step.kind,
          ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }),
          // The key makes a re-run after a crash a no-op at the outside world.
          ...(step.kind === 'tool' && step.mode === 'write' ? { idempotencyKey: `${runId}/${step.id}` } : {}),
        }, { beforeAttempt: () => ensureOwner(runId) }),
      ),
    approval: async (step) =>
      (await journaled(runId, step.id, async () => {
        await callWithRetry(ledger, { runId, stepId: step.id, kind: 'approval-request', idempotencyKey: `${runId}/${step.id}/request` }, { beforeAttempt: () => ensureOwner(runId) });
        const deadline = durableDeadline(runId, step.id, step.timeoutMs);
        for (;;) {
          // A decision counts only if it arrived before the deadline; the first one wins.
          const found = firstDecision.get(runId, step.id, deadline) as { decision: string } | undefined;
          if (found) return found.decision === 'approve' ? 'approved' : 'rejected';
          if (Date.now() > deadline) return 'timed-out';
          await sleep(POLL_MS);
        }
      })) as Decision,
    sleep: async (step) => {
      await journaled(runId, step.id, async () => {
        const wakeAt = durableDeadline(runId, step.id, step.ms);
        while (Date.now() < wakeAt) await sleep(Math.min(POLL_MS, wakeAt - Date.now()));
        return '';
      });
    },
  };
}

async function execute(run: Pick<RunRow, 'id' | 'plan'>): Promise<void> {
  try {
    const plan = JSON.parse(run.plan) as Plan;
    const output = await executePlan(plan, primitivesFor(run.id));
    finishRun.run('completed', JSON.stringify(output), null, Date.now(), run.id, me);
  } catch (err) {
    if (err instanceof LeaseLost) return; // the new owner finishes the run
    finishRun.run('failed', null, (err as Error).message, Date.now(), run.id, me);
  }
}

exitOnTerm();
// Node loads its HTTP client on the first fetch(), blocking the event loop for tens of
// ms (hundreds on a busy machine) between the lease check and the request: load it now.
await fetch(ledger.url, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
announceReady();
setInterval(() => {
  for (const id of executing) keepLease(id);
}, RENEW_MS);
for (;;) {
  for (const run of runningRuns.all() as Pick<RunRow, 'id' | 'plan'>[]) {
    if (executing.has(run.id)) continue;
    const now = Date.now();
    if (claim.run(me, now + LEASE_MS, run.id, me, now).changes === 0) continue;
    lost.delete(run.id);
    executing.add(run.id);
    void execute(run).finally(() => executing.delete(run.id));
  }
  await sleep(POLL_MS);
}
