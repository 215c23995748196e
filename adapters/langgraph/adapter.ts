import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RunResult } from '../../harness/index.js';
import { Replicas, scriptBeside, sleep } from '../../harness/kit.js';
import { openCheckpointer, storeArg, storeEnv, type CheckpointStore } from './checkpointer.js';
import { durabilityFromEnv } from './durability.js';
import { readHistory } from './history.js';
import { makeInterpreter, type InterpreterName } from './interpreters.js';
import { caseSchema, checkPostgres, dropSchema, postgresUrl, type PostgresTarget } from '../../harness/postgres/index.js';
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
 * LangGraph with a persistent checkpointer: SQLite, or the user's Postgres when
 * AGENTCHECK_POSTGRES_URL is set (chosen in setup()). The worker process runs the
 * agent and its HTTP app; this side starts runs and hands approvals over that app,
 * and reads results and history from the checkpoints, as a dashboard would.
 */
export function langgraphAdapter(opts: LangGraphAdapterOptions): Adapter {
  let postgres: PostgresTarget | undefined;
  const adapter: Adapter = {
    name: opts.name,
    description: opts.description,
    runtimeVersion: langgraphVersion(),
    // The worker app is ready 0.8-1.6 s after spawn (LangGraph's imports, resuming unfinished threads; docs/performance.md).
    restartAllowanceMs: 2500,
    lacks: {
      'restart-runtime': 'LangGraph has no server of its own: its state is in the checkpointer\'s database (a SQLite file, or your Postgres), which agentcheck does not restart',
      ...(opts.noHistory ? { 'read-history': opts.noHistory } : {}),
      traces: 'LangGraph.js emits no OpenTelemetry spans of its own: its tracing is LangChain callbacks (LangSmith), which agentcheck does not read',
    },
    async setup() {
      // Checked here, once: a bad value stops the run before any case (the workers read the same variable).
      const durability = durabilityFromEnv();
      const url = postgresUrl();
      postgres = url ? await checkPostgres(url) : undefined;
      adapter.runtimeVersion = langgraphVersion(postgres) + (durability ? `, durability "${durability}"` : '');
    },
    async openCase(ctx: CaseContext): Promise<CaseRuntime & Partial<ReadsHistory>> {
      const store: CheckpointStore = postgres
        ? { kind: 'postgres', url: postgres.url, schema: caseSchema(ctx.salt) }
        : { kind: 'sqlite', file: join(ctx.dir, 'checkpoints.db') };
      const planFile = join(ctx.dir, 'plan.json');
      writeFileSync(planFile, JSON.stringify(ctx.plan));
      // In Postgres this creates the case's schema, before its worker starts.
      const checkpointer = await openCheckpointer(store);
      const release = async () => {
        await checkpointer.close();
        if (store.kind === 'postgres') await dropSchema(store.url, store.schema);
      };
      // Only read through this copy of the agent: its nodes never run here.
      const reader = await makeInterpreter(opts.interpreter, ctx.plan, checkpointer.saver, ctx.ledger).catch(async (err: unknown) => {
        await release();
        throw err;
      });
      const config = (runId: string) => ({ configurable: { thread_id: runId } });
      const replicas = new Replicas();
      const post = (path: string, body: unknown) => replicas.post(path, body);
      return {
        worker: { script: scriptBeside(import.meta.url, 'worker.js'), args: [storeArg(store), planFile, opts.interpreter], env: storeEnv(store) },
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
        close: release,
      };
    },
  };
  return adapter;
}
