import { join } from 'node:path';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory } from '../../harness/index.js';
import { caseSchema, checkPostgres, dropSchema, postgresUrl, POSTGRES_URL_ENV, type PostgresTarget } from '../../harness/postgres/index.js';
import { DURABILITY_ENV, durabilityFromEnv } from '../langgraph/durability.js';
import { workerAppRuntime } from '../python/app-client.js';
import { ensurePythonVenv, pythonPackageVersions, pythonWorker } from '../python/venv.js';

export interface LangGraphPyOptions {
  name: string;
  description: string;
  /** python/agentcheck_langgraph/worker.py's interpreter: the graph or functional API, or its known-bad variant. */
  interpreter: 'graph' | 'graph-unsafe' | 'functional' | 'functional-unsafe';
  /** Why the checkpointer's record cannot serve as the audit trail, when it cannot. */
  noHistory?: string;
}

/**
 * LangGraph (Python) with a persistent checkpointer: SQLite in the case's folder, or a
 * schema of its own in the user's Postgres (AGENTCHECK_POSTGRES_URL). The worker is a
 * Python process (the worker protocol, docs/protocol.md) running the agent and its
 * HTTP app (python/agentcheck_langgraph); this side starts runs, hands approvals over
 * and reads results and history through that app.
 */
export function langgraphPyAdapter(opts: LangGraphPyOptions): Adapter {
  let postgres: PostgresTarget | undefined;
  let durability: string | undefined;
  const adapter: Adapter = {
    name: opts.name,
    description: opts.description,
    runtimeVersion: 'LangGraph (Python; versions read at setup)',
    // Measured: the worker app is ready 2.9-7.8 s after spawn (median 5.5 s) on the loaded 2-core machine, most of it
    // LangGraph's imports (docs/adapters/langgraph-py.md).
    restartAllowanceMs: 8000,
    lacks: {
      ...(opts.noHistory ? { 'read-history': opts.noHistory } : {}),
      'restart-runtime': 'LangGraph has no server of its own: its state is in the checkpointer\'s database (a SQLite file, or your Postgres), which agentcheck does not restart',
      // As for LangGraph.js: its tracing is LangChain callbacks (LangSmith); no OpenTelemetry spans unless an app adds them.
      traces: 'LangGraph (Python) emits no OpenTelemetry spans of its own: its tracing is LangChain callbacks (LangSmith), which agentcheck does not read',
    },
    async setup() {
      // Checked here, once: a bad value stops the run before any case (the workers read the same variable).
      durability = durabilityFromEnv();
      await ensurePythonVenv();
      const url = postgresUrl();
      postgres = url ? await checkPostgres(url) : undefined;
      const v = await pythonPackageVersions(['langgraph', postgres ? 'langgraph-checkpoint-postgres' : 'langgraph-checkpoint-sqlite']);
      adapter.runtimeVersion =
        `langgraph ${v[0]} (Python ${v.python}) + ${postgres ? `checkpoint-postgres ${v[1]} (${postgres.description})` : `checkpoint-sqlite ${v[1]}`}` +
        (durability ? `, durability "${durability}"` : '');
    },
    async openCase(ctx: CaseContext): Promise<CaseRuntime & Partial<ReadsHistory>> {
      const schema = caseSchema(ctx.salt);
      const store = postgres ? `postgres:${schema}` : join(ctx.dir, 'checkpoints.db');
      const env: Record<string, string> = {
        // In the environment, not the command: the command is the same for every case, so a warm spare can serve any.
        AGENTCHECK_LANGGRAPH_STORE: store,
        ...(durability ? { [DURABILITY_ENV]: durability } : {}),
        ...(postgres ? { [POSTGRES_URL_ENV]: postgres.url } : {}),
      };
      return workerAppRuntime({
        // Python's imports of LangGraph took up to 28 s on a 2-core machine under a load of 15: the default 20 s is too short there.
        worker: { ...pythonWorker('agentcheck_langgraph.worker', [opts.interpreter], env), readyTimeoutMs: 60_000, waitsForCase: true },
        history: !opts.noHistory,
        // The worker creates the case's schema; dropping it here leaves nothing behind in the user's database.
        close: async () => (postgres ? dropSchema(postgres.url, schema) : undefined),
      });
    },
  };
  return adapter;
}
