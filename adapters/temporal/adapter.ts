// The temporal adapter: one server per agentcheck run, one task queue and one worker
// process per case (and, with agent steps, a second queue and worker for the children). A case that restarts the server gets a server of its own, so the
// restart does not reach into the case running beside it.
import { join } from 'node:path';
import { Client, Connection, WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RestartsRuntime, RunResult, RuntimeHistory } from '../../harness/index.js';
import { allSteps, runWaitingAt, sortOutput, type RunOutput } from '../../harness/plan/index.js';
import { runtimePackageVersion, sleep } from '../../harness/kit.js';
import { approvalSignal, decideUpdate, WORKFLOW_TYPE, type AgentPlanInput } from './contract.js';
import { approvalDeliveryFromEnv, type ApprovalDelivery } from './delivery.js';
import { stepsFromHistory } from './history.js';
import type { ServerChoice } from './locate.js';
import type { WorkerEnv } from './run-worker.js';
import { DevServer } from './server.js';
import { connectClient, openSuite, type Suite } from './suite.js';
import { tracingMismatch } from './tracing-fit.js';
import { WORKFLOW_TASK_TIMEOUT } from './settings.js';
import { tracingLack } from './tracing-installed.js';

export interface TemporalAdapterOptions {
  name: string;
  description: string;
  /** The worker process for a case, given what it must reach (it decides which workflow and activities run). */
  worker: (env: WorkerEnv) => CaseRuntime['worker'];
  /** The worker's SDK, for the report; prepares what the worker needs first (a venv). Called once in setup(). */
  sdk: () => Promise<string>;
  /** Whether the worker loads the TypeScript workflow bundle (built once per run). */
  bundle: boolean;
  /**
   * Whether the worker's workflow starts a child on the task queue its input names
   * (`childTaskQueue`): a case with agent steps then gets a second worker process that
   * polls that queue alone, so the child's worker can crash on its own (decision 0110).
   */
  childQueue?: boolean;
  /** How long a killed worker takes to be back, measured (Adapter.restartAllowanceMs). */
  restartAllowanceMs: number;
  /** What this worker cannot do (Adapter.lacks): the TypeScript worker traces, the Python one does not yet. */
  lacks?: Adapter['lacks'];
  /** Where the server is; by default TEMPORAL_ADDRESS, TEMPORAL_BIN, PATH, the cached build, then the SDK's download. */
  server?: ServerChoice;
}

/** How long a client waits before asking again when the server does not answer (it may be restarting). */
const CLIENT_RETRY_MS = 200;

export function temporalAdapter(opts: TemporalAdapterOptions): Adapter {
  let suite: Suite | undefined;
  let delivery: ApprovalDelivery = 'signal';
  const adapter: Adapter = {
    name: opts.name,
    description: opts.description,
    runtimeVersion: 'Temporal (server not started yet)',
    restartAllowanceMs: opts.restartAllowanceMs,
    // A timer that fired while the worker restarted is offered first to the dead worker's
    // sticky queue (STICKY_SCHEDULE_TO_START, 500 ms), then replayed by the new one before its
    // branch runs: 858 ms after the deadline measured (temporal-py, load 13), doubled for load (decision 0099).
    timerLatencyMs: 2000,
    ...(opts.lacks ? { lacks: opts.lacks } : {}),
    async setup(ctx) {
      // Checked first: a bad value stops the run before the server starts.
      delivery = approvalDeliveryFromEnv();
      const sdk = await opts.sdk();
      // A pinned TypeScript SDK the project's tracing interceptors do not fit runs untraced (tracing-fit.ts).
      const untraced = opts.bundle && !opts.lacks?.traces ? tracingMismatch() : undefined;
      if (untraced) adapter.lacks = { ...opts.lacks, traces: untraced };
      suite = await openSuite(ctx.dir, opts.server, opts.bundle);
      const info = await suite.connection.workflowService.getSystemInfo({}).catch(() => undefined);
      adapter.runtimeVersion = `Temporal Server ${info?.serverVersion ?? '(version unknown)'}, ${suite.describe}; ${sdk}` + (delivery === 'update' ? '; approvals as updates' : '');
    },
    async teardown() {
      await suite?.close();
      suite = undefined;
    },
    async openCase(ctx) {
      if (!suite) throw new Error('the temporal adapter was not set up (Adapter.setup opens the server)');
      return openCase(suite, ctx, opts, delivery);
    },
  };
  return adapter;
}

/** The TypeScript SDK worker: a Node script beside the adapter's index. */
export function typescriptWorker(script: string): Pick<TemporalAdapterOptions, 'worker' | 'childQueue' | 'sdk' | 'bundle' | 'restartAllowanceMs' | 'lacks'> {
  const untraced = tracingLack();
  return {
    // A warm spare (decision 0085): the SDK is imported before the case; the per-case env comes with it.
    worker: (env) => ({ script, env: { ...env }, waitsForCase: true }),
    childQueue: true,
    sdk: async () => `TypeScript SDK ${runtimePackageVersion('@temporalio/worker', import.meta.url)}`,
    bundle: true,
    // A worker is ready ~1 s after spawn (the SDK and the bundle load), then polls for the waiting workflow task (docs/performance.md).
    restartAllowanceMs: 2500,
    // Tracing's packages are optional peers: without them every other property is judged.
    ...(untraced ? { lacks: { traces: untraced } } : {}),
  };
}

async function openCase(suite: Suite, ctx: CaseContext, { worker, childQueue }: Pick<TemporalAdapterOptions, 'worker' | 'childQueue'>, delivery: ApprovalDelivery): Promise<CaseRuntime & ReadsHistory & Partial<RestartsRuntime>> {
  const restarts = ctx.faults.some((f) => f.kind === 'restart-runtime');
  // Killing the shared server would also stall the case running beside this one, and
  // its timers and approvals would then be judged on an outage it was never told about.
  const own = restarts && suite.binary ? await DevServer.start(suite.binary, join(ctx.dir, 'temporal-server')) : undefined;
  const connection: Connection = own ? await connectClient(own.address) : suite.connection;
  const client = new Client({ connection, namespace: suite.namespace });
  const taskQueue = `agentcheck-${ctx.caseId.replace(/[^a-z0-9-]+/gi, '-')}-${ctx.salt}-${suite.nonce}`;
  const workflowId = (runId: string) => runId + suite.idSuffix;
  const workerEnv: WorkerEnv = {
    AGENTCHECK_TEMPORAL_ADDRESS: own?.address ?? suite.address,
    AGENTCHECK_TEMPORAL_NAMESPACE: suite.namespace,
    AGENTCHECK_TEMPORAL_TASK_QUEUE: taskQueue,
    ...(suite.bundle ? { AGENTCHECK_TEMPORAL_BUNDLE: suite.bundle } : {}),
    ...(suite.apiKey ? { TEMPORAL_API_KEY: suite.apiKey } : {}),
  };

  // Child workflows on a task queue of their own, polled by a worker process of their own (decision 0110).
  const childTaskQueue = childQueue && allSteps(ctx.plan).some((s) => s.kind === 'agent') ? `${taskQueue}-children` : undefined;

  const rt: CaseRuntime & ReadsHistory = {
    worker: worker(workerEnv),
    ...(childTaskQueue ? { childWorker: worker({ ...workerEnv, AGENTCHECK_TEMPORAL_TASK_QUEUE: childTaskQueue }) } : {}),
    async startRun(runId) {
      const input: AgentPlanInput = { runId, plan: ctx.plan, ...(childTaskQueue ? { childTaskQueue } : {}) };
      try {
        await client.workflow.start(WORKFLOW_TYPE, {
          workflowId: workflowId(runId),
          taskQueue,
          args: [input],
          // The run id is a business key: a second start of it, open or closed, is refused.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT,
        });
      } catch (err) {
        // Temporal's answer to a duplicate start: that run already exists. It is the same run.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        throw err;
      }
    },
    async deliverApproval(runId, stepId, decision) {
      // An approval inside an agent's plan waits in the child workflow, whose id is derived from the parent's (decision 0112).
      const handle = client.workflow.getHandle(runWaitingAt(ctx.plan, workflowId(runId), stepId));
      try {
        // An update returns once a worker took it (the workflow's decision); a signal once the server stored it.
        if (delivery === 'update') await handle.executeUpdate(decideUpdate, { args: [{ stepId, decision }] });
        else await handle.signal(approvalSignal, { stepId, decision });
      } catch (err) {
        // The workflow's validator refused the update: the step was decided, or its wait is over. Delivered, and changes nothing.
        if (err instanceof WorkflowUpdateFailedError) return;
        // A signal or update to a finished run is refused: the run is over and the decision changes nothing.
        // (An update can also end with the run before a worker took it, with another error: ask the server.)
        const maybeFinished = err instanceof WorkflowNotFoundError || delivery === 'update';
        if (maybeFinished && (await handle.describe()).status.name !== 'RUNNING') return;
        throw err;
      }
    },
    async awaitResult(runId, signal): Promise<RunResult> {
      const handle = client.workflow.getHandle(workflowId(runId));
      for (;;) {
        try {
          const output = (await client.withAbortSignal(signal, () => handle.result())) as RunOutput;
          // The Python SDK's JSON converter sorts object keys ("decisions" before "results"): put them in the plan walk's order.
          return { status: 'completed', output: sortOutput(output) };
        } catch (err) {
          if (signal.aborted) throw signal.reason;
          if (err instanceof WorkflowFailedError) return { status: 'failed', error: err.cause?.message ?? err.message };
          await sleep(CLIENT_RETRY_MS); // the server is unreachable (restarting): ask again
        }
      }
    },
    async readHistory(runId) {
      // The parent's history, and each child workflow's it links to, as an auditor would follow them.
      const read = async (id: string, startedBy?: string): Promise<RuntimeHistory['steps']> => {
        const history = await client.workflow.getHandle(id).fetchHistory();
        const steps = stepsFromHistory(history.events ?? [], ctx.plan).steps.filter((s) => s.stepId !== startedBy); // the child's own start notice
        const out: RuntimeHistory['steps'] = [];
        for (const s of steps) out.push(s, ...(s.childRun ? await read(s.childRun, s.stepId) : []));
        return out;
      };
      return { steps: await read(workflowId(runId)) };
    },
    async close() {
      if (!own) return;
      await connection.close().catch(() => undefined);
      await own.stop();
    },
  };
  if (!own) return rt;
  return {
    ...rt,
    crashRuntime: () => own.crash(),
    restartRuntime: () => own.restart(),
  };
}
