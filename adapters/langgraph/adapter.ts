import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RunResult } from '../../harness/adapter.js';
import { compiledPath } from '../../harness/paths.js';
import { sleep } from '../../harness/worker-kit.js';
import { openCheckpointer } from './checkpointer.js';
import { readHistory } from './history.js';
import { Replicas } from './replicas.js';
import { makeInterpreter, type InterpreterName } from './interpreters.js';
import { langgraphVersion } from './version.js';

export interface LangGraphAdapterOptions {
  name: string;
  description: string;
  interpreter: InterpreterName;
  /** Why this interpreter's checkpoints cannot serve as an audit trail, if they cannot. */
  noHistory?: string;
}

const POLL_MS = 20;

/**
 * LangGraph with the SQLite checkpointer. The worker process runs the agent and its
 * HTTP app; this side starts runs and hands approvals over that app, and reads
 * results and history from the checkpoint database, as a dashboard would.
 */
export function langgraphAdapter(opts: LangGraphAdapterOptions): Adapter {
  return {
    name: opts.name,
    description: opts.description,
    runtimeVersion: langgraphVersion(),
    lacks: {
      'restart-runtime': 'LangGraph has no server of its own: its state is the checkpointer\'s SQLite file, which the worker-crash cases already cover',
      ...(opts.noHistory ? { 'read-history': opts.noHistory } : {}),
    },
    async openCase(ctx: CaseContext): Promise<CaseRuntime & Partial<ReadsHistory>> {
      const dbFile = join(ctx.dir, 'checkpoints.db');
      const planFile = join(ctx.dir, 'plan.json');
      writeFileSync(planFile, JSON.stringify(ctx.plan));
      const checkpointer = openCheckpointer(dbFile);
      // Only read through this copy of the agent: its nodes never run here.
      const reader = await makeInterpreter(opts.interpreter, ctx.plan, checkpointer, ctx.ledger);
      const config = (runId: string) => ({ configurable: { thread_id: runId } });
      const replicas = new Replicas();
      const post = (path: string, body: unknown) => replicas.post(path, body);
      return {
        worker: { script: compiledPath('adapters/langgraph/worker.js'), args: [dbFile, planFile, opts.interpreter] },
        async workerStarted(payload) {
          replicas.add((JSON.parse(payload) as { url: string }).url);
        },
        async startRun(runId) {
          const res = await post('/runs', { runId });
          if (!res.ok) throw new Error(`start: HTTP ${res.status} ${await res.text()}`);
        },
        async deliverApproval(runId, stepId, decision) {
          const res = await post(`/runs/${runId}/approvals/${stepId}`, { decision });
          if (!res.ok) throw new Error(`approval: HTTP ${res.status} ${await res.text()}`);
        },
        async awaitResult(runId, signal): Promise<RunResult> {
          while (!signal.aborted) {
            const snapshot = await reader.agent.getState(config(runId));
            const output = reader.output(snapshot);
            if (output) return { status: 'completed', output };
            const failed = snapshot.tasks.find((t) => t.error !== undefined && t.interrupts.length === 0);
            if (failed) return { status: 'failed', error: `node ${failed.name} failed: ${String((failed.error as Error)?.message ?? failed.error)}` };
            await sleep(POLL_MS);
          }
          throw signal.reason;
        },
        ...(opts.noHistory ? {} : { readHistory: (runId: string) => readHistory(reader, runId) }),
        async close() {
          checkpointer.db.close();
        },
      };
    },
  };
}
