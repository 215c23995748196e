import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RunResult, RuntimeHistory } from '../../harness/index.js';
import { allSteps, runWaitingAt, type RunOutput } from '../../harness/plan/index.js';
import { scriptBeside, sleep } from '../../harness/kit.js';
import { openForHarness, withoutBlocking } from './harness-side.js';
import type { RunRow, StepRow } from './journal.js';

/**
 * The embedded reference runtime. Without `parts` it is correct by construction, so it
 * proves agentcheck raises no false alarms; with a parts module (a file that swaps some
 * of the worker's parts, adapters/reference/parts.ts) it is one of test/mutants/.
 */
export const referenceAdapter = (opts: {
  name: string;
  description: string;
  parts?: string;
  traced?: boolean;
  /** Which run a decision is filed under; by default the run that waits at the approval. A mutant files it elsewhere. */
  decisionTo?: (runId: string, stepId: string) => string;
}): Adapter => ({
  name: opts.name,
  description: opts.description,
  runtimeVersion: `agentcheck-reference/1 (node:sqlite, Node ${process.versions.node})`,
  // The whole runtime lives in its worker processes: no server with timers of its own.
  actsAloneMs: 0,
  // A restarted worker is a warm spare handed its case (decision 0074): ready a median
  // 23 ms after its spawn (slowest 233 ms of 151 restarts at load ~8), then the crashed
  // worker's 300 ms lease runs out (mostly during the downtime) and it claims the run.
  // Declared, not measured per run, so a seed replays the same case (decision 0089).
  restartAllowanceMs: 750,
  lacks: {
    'restart-runtime': 'the reference runtime has no server of its own: its state is the worker\'s SQLite file, covered by the worker-crash cases',
    // A mutant traces only if its bug is in its tracing: loading the SDK slows every
    // worker start, and a slow restart can hide a timer bug (docs/zoo.md).
    ...((opts.traced ?? !opts.parts) ? {} : { traces: 'this mutant of the reference runtime does not trace: its bug is elsewhere' }),
  },
  async openCase(ctx: CaseContext): Promise<CaseRuntime & ReadsHistory> {
    const file = join(ctx.dir, 'runtime.db');
    const db: DatabaseSync = openForHarness(file);
    // The worker says when it is idle, and nothing outside it acts: judged as soon as it is.
    // It can wait for its case as a warm spare, loaded ahead of need (decision 0074).
    const worker = (runs?: 'parents' | 'children') => ({
      script: scriptBeside(import.meta.url, 'worker.js'),
      args: opts.parts ? [file, opts.parts] : [file],
      reportsIdle: true,
      waitsForCase: true,
      ...(runs ? { env: { AGENTCHECK_REFERENCE_RUNS: runs } } : {}),
    });
    // A plan with agent steps runs its children on a worker process of their own, which a crash can kill alone (decision 0110).
    const hasChildren = allSteps(ctx.plan).some((s) => s.kind === 'agent');
    return {
      ...(hasChildren ? { worker: worker('parents'), childWorker: worker('children') } : { worker: worker() }),
      async startRun(runId) {
        // INSERT OR IGNORE: a duplicate start of the same run id is the same run.
        const insert = db.prepare(`INSERT OR IGNORE INTO runs (id, plan, status, created_at) VALUES (?, ?, 'running', ?)`);
        await withoutBlocking(() => insert.run(runId, JSON.stringify(ctx.plan), Date.now()));
      },
      async deliverApproval(runId, stepId, decision) {
        // An approval inside an agent's plan is its child's wait: the decision is for the child run (decision 0112).
        const to = opts.decisionTo ? opts.decisionTo(runId, stepId) : runWaitingAt(ctx.plan, runId, stepId);
        const insert = db.prepare('INSERT INTO inbox (run_id, step_id, decision, received_at) VALUES (?, ?, ?, ?)');
        await withoutBlocking(() => insert.run(to, stepId, decision, Date.now()));
      },
      async awaitResult(runId, signal): Promise<RunResult> {
        const get = db.prepare('SELECT * FROM runs WHERE id = ?');
        while (!signal.aborted) {
          const row = (await withoutBlocking(() => get.get(runId))) as RunRow | undefined;
          if (row?.status === 'completed') return { status: 'completed', output: JSON.parse(row.output!) as RunOutput };
          if (row?.status === 'failed') return { status: 'failed', error: row.error ?? 'unknown error' };
          await sleep(10);
        }
        throw signal.reason;
      },
      async readHistory(runId): Promise<RuntimeHistory> {
        const stepsOf = db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY started_at');
        const childOf = db.prepare('SELECT id FROM runs WHERE parent = ? AND agent_step = ? ORDER BY created_at');
        // A run's steps, and through each agent step's link its child's, as an auditor would follow them.
        const read = (id: string, startedBy?: string): RuntimeHistory['steps'] =>
          (stepsOf.all(id) as unknown as StepRow[])
            .filter((r) => r.step_id !== startedBy) // the child's own note that it started
            .flatMap((r) => {
              const children = childOf.all(id, r.step_id) as { id: string }[];
              const entry = {
                stepId: r.step_id,
                status: r.status === 'done' ? ('completed' as const) : r.status === 'failed' ? ('failed' as const) : ('started' as const),
                ...(r.result ? { result: r.result } : {}),
                // The link is to the child whose output the step took: the last one started.
                ...(children.length ? { childRun: children[children.length - 1].id } : {}),
              };
              return [entry, ...children.flatMap((c) => read(c.id, r.step_id))];
            });
        return { steps: read(runId) };
      },
      async close() {
        db.close();
      },
    };
  },
});
