// The dbos adapter: one Postgres per agentcheck run (the user's, or a private one it
// starts), a DBOS system schema per case, and worker processes that are DBOS
// applications. Runs start through the worker's HTTP endpoint (DBOS.startWorkflow);
// approvals, results and the audit read go through DBOSClient, straight to the
// system database, as a separate service of the user's would.
import { join } from 'node:path';
import { DBOSClient, StatusString } from '@dbos-inc/dbos-sdk';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RestartsRuntime, RunResult, RuntimeHistory } from '../../harness/index.js';
import { runWaitingAt, type RunOutput } from '../../harness/plan/index.js';
import { pinnedPackageFolders, Replicas, runtimePackageVersion, sleep } from '../../harness/kit.js';
import { caseSchema, dropSchema } from '../../harness/postgres/index.js';
import { caseLog } from './case-log.js';
import { openPostgres, startOwnPostgres, type PostgresServer } from './database.js';
import { stepsFromHistory } from './history.js';
import { APP_NAME, approvalTopic, SCHEMA_ENV, URL_ENV } from './settings.js';

export interface DbosAdapterOptions {
  name: string;
  description: string;
  /** The worker process's script (it decides how writes are made). */
  workerScript: string;
}

/** Set to send each approval with an idempotency key (DBOS.send's fourth argument); by default it is sent without one. */
export const SEND_KEY_ENV = 'AGENTCHECK_DBOS_SEND_KEY';

const POLL_MS = 20;
const FINISHED_BADLY: string[] = [StatusString.ERROR, StatusString.CANCELLED, StatusString.MAX_RECOVERY_ATTEMPTS_EXCEEDED];

/** The SDK's version, the pinned one under AGENTCHECK_RUNTIME_MODULES. */
const sdkVersion = () => runtimePackageVersion('@dbos-inc/dbos-sdk', import.meta.url);

export function dbosAdapter(opts: DbosAdapterOptions): Adapter {
  let postgres: PostgresServer | undefined;
  let sendKey = false;
  const adapter: Adapter = {
    name: opts.name,
    description: opts.description,
    runtimeVersion: `@dbos-inc/dbos-sdk ${sdkVersion()} (Postgres not started yet)`,
    async setup() {
      sendKey = Boolean(process.env[SEND_KEY_ENV]);
      // A pinned release (docs/museum.md) is installed on its own, without the OpenTelemetry
      // packages DBOS's OTLP export requires but does not declare: its workers could not start traced.
      if (pinnedPackageFolders()['@dbos-inc/dbos-sdk']) adapter.lacks = { traces: 'not checked on a pinned DBOS release: its OTLP export needs OpenTelemetry packages a pinned install does not add' };
      postgres = await openPostgres();
      adapter.runtimeVersion = `@dbos-inc/dbos-sdk ${sdkVersion()} on ${postgres.description}${sendKey ? ', approvals sent with an idempotency key' : ''}`;
    },
    async teardown() {
      await postgres?.close();
      postgres = undefined;
    },
    async openCase(ctx) {
      if (!postgres) throw new Error('the dbos adapter was not set up (Adapter.setup opens Postgres)');
      return openCase(postgres, ctx, opts.workerScript, sendKey);
    },
  };
  return adapter;
}

async function openCase(suite: PostgresServer, ctx: CaseContext, workerScript: string, sendKey: boolean): Promise<CaseRuntime & ReadsHistory & Partial<RestartsRuntime>> {
  // Killing the shared Postgres would stall the case running beside this one, and its
  // timers and approvals would be judged on an outage it was never told about. On the
  // user's server agentcheck kills nothing: those cases are skipped.
  const restarts = ctx.faults.some((f) => f.kind === 'restart-runtime');
  const own = restarts && suite.embedded ? await startOwnPostgres() : undefined;
  const url = own?.url ?? suite.url;
  const schema = caseSchema(ctx.salt);
  let client: DBOSClient | undefined;
  const release = async () => {
    await client?.destroy().catch(() => undefined);
    if (own) await own.close();
    else await dropSchema(url, schema);
  };
  try {
    // The schema itself is made by the first worker's DBOS.launch (DBOS migrates on launch by default).
    client = await DBOSClient.create({ systemDatabaseUrl: url, systemDatabaseSchemaName: schema, applicationName: APP_NAME, logger: caseLog(join(ctx.dir, 'dbos-client.log'), url) });
  } catch (err) {
    await release();
    throw err;
  }
  const dbos = client;
  const replicas = new Replicas();

  const rt: CaseRuntime & ReadsHistory = {
    worker: { script: workerScript, env: { [URL_ENV]: url, [SCHEMA_ENV]: schema } },
    async workerStarted(payload) {
      replicas.add((JSON.parse(payload) as { url: string }).url);
    },
    async startRun(runId) {
      const res = await replicas.post('/runs', { runId, plan: ctx.plan });
      if (!res.ok) throw new Error(`start: HTTP ${res.status} ${await res.text()}`);
    },
    async deliverApproval(runId, stepId, decision) {
      // The way a separate service answers a waiting workflow: DBOS.send through the client.
      // An approval inside an agent's plan waits in the child workflow: sent to its derived id (decision 0112).
      const to = runWaitingAt(ctx.plan, runId, stepId);
      if (sendKey) await dbos.send(to, decision, approvalTopic(stepId), `${runId}/${stepId}/approval`);
      else await dbos.send(to, decision, approvalTopic(stepId));
    },
    async awaitResult(runId, signal): Promise<RunResult> {
      while (!signal.aborted) {
        // Postgres may be down (a runtime restart): ask again, as a client would.
        const status = await dbos.getWorkflow(runId).catch(() => undefined);
        if (status?.status === StatusString.SUCCESS) return { status: 'completed', output: status.output as RunOutput };
        if (status && FINISHED_BADLY.includes(status.status)) return { status: 'failed', error: `${status.status}: ${String((status.error as Error)?.message ?? status.error)}` };
        await sleep(POLL_MS);
      }
      throw signal.reason;
    },
    async readHistory(runId) {
      // The run's steps, and each child workflow's it links to, as an auditor would follow them.
      const read = async (id: string): Promise<RuntimeHistory['steps']> => {
        const out: RuntimeHistory['steps'] = [];
        for (const s of stepsFromHistory((await dbos.listWorkflowSteps(id)) ?? [], ctx.plan).steps) out.push(s, ...(s.childRun ? await read(s.childRun) : []));
        return out;
      };
      return { steps: await read(runId) };
    },
    close: release,
  };
  if (!own?.embedded) return rt;
  const server = own.embedded;
  return { ...rt, crashRuntime: () => server.crash(), restartRuntime: () => server.restart() };
}
