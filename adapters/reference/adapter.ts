import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RunResult, RuntimeHistory } from '../../harness/index.js';
import type { RunOutput } from '../../harness/plan/index.js';
import { scriptBeside, sleep } from '../../harness/kit.js';
import { openJournal, type RunRow, type StepRow } from './journal.js';

/**
 * The embedded reference runtime. Without `parts` it is correct by construction, so it
 * proves agentcheck raises no false alarms; with a parts module (a file that swaps some
 * of the worker's parts, adapters/reference/parts.ts) it is one of test/mutants/.
 */
export const referenceAdapter = (opts: { name: string; description: string; parts?: string; traced?: boolean }): Adapter => ({
  name: opts.name,
  description: opts.description,
  runtimeVersion: `agentcheck-reference/1 (node:sqlite, Node ${process.versions.node})`,
  lacks: {
    'restart-runtime': 'the reference runtime has no server of its own: its state is the worker\'s SQLite file, covered by the worker-crash cases',
    // A mutant traces only if its bug is in its tracing: loading the SDK slows every
    // worker start, and a slow restart can hide a timer bug (docs/zoo.md).
    ...((opts.traced ?? !opts.parts) ? {} : { traces: 'this mutant of the reference runtime does not trace: its bug is elsewhere' }),
  },
  async openCase(ctx: CaseContext): Promise<CaseRuntime & ReadsHistory> {
    const file = join(ctx.dir, 'runtime.db');
    const db: DatabaseSync = openJournal(file);
    return {
      worker: { script: scriptBeside(import.meta.url, 'worker.js'), args: opts.parts ? [file, opts.parts] : [file] },
      async startRun(runId) {
        // INSERT OR IGNORE: a duplicate start of the same run id is the same run.
        db.prepare(`INSERT OR IGNORE INTO runs (id, plan, status, created_at) VALUES (?, ?, 'running', ?)`).run(runId, JSON.stringify(ctx.plan), Date.now());
      },
      async deliverApproval(runId, stepId, decision) {
        db.prepare('INSERT INTO inbox (run_id, step_id, decision, received_at) VALUES (?, ?, ?, ?)').run(runId, stepId, decision, Date.now());
      },
      async awaitResult(runId, signal): Promise<RunResult> {
        const get = db.prepare('SELECT * FROM runs WHERE id = ?');
        while (!signal.aborted) {
          const row = get.get(runId) as RunRow | undefined;
          if (row?.status === 'completed') return { status: 'completed', output: JSON.parse(row.output!) as RunOutput };
          if (row?.status === 'failed') return { status: 'failed', error: row.error ?? 'unknown error' };
          await sleep(10);
        }
        throw signal.reason;
      },
      async readHistory(runId): Promise<RuntimeHistory> {
        const rows = db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY started_at').all(runId) as unknown as StepRow[];
        return {
          steps: rows.map((r) => ({
            stepId: r.step_id,
            status: r.status === 'done' ? 'completed' : r.status === 'failed' ? 'failed' : 'started',
            ...(r.result ? { result: r.result } : {}),
          })),
        };
      },
      async close() {
        db.close();
      },
    };
  },
});
