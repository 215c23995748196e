// A Temporal worker process, as an application would run one: it polls the case's
// task queue, runs the interpreter from the prebuilt workflow bundle and the given
// activities. The harness SIGKILLs it and starts it again; a restart only connects
// and loads the bundle (no webpack), so it is ready in well under a second.
// It may start as a warm spare (docs/protocol.md section 7, decision 0085): the SDK,
// its core runtime (and, for a case that judges traces, the tracing) are loaded before it is handed its case; the
// server's address, the task queue and the bundle's path come with the case.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { announceReady, exitOnTerm, sleep, spareHints, waitForCase } from '../../harness/kit.js';
import type { Activities } from './activities.js';
import { STICKY_SCHEDULE_TO_START } from './settings.js';
import { tracingMismatch } from './tracing-fit.js';

/** What the adapter passes to each worker: through its environment, so a restart gets the same. */
export interface WorkerEnv {
  AGENTCHECK_TEMPORAL_ADDRESS: string;
  AGENTCHECK_TEMPORAL_NAMESPACE: string;
  AGENTCHECK_TEMPORAL_TASK_QUEUE: string;
  /** The prebuilt TypeScript workflow bundle (not set for the Python SDK's worker). */
  AGENTCHECK_TEMPORAL_BUNDLE?: string;
  /** Temporal Cloud's key, when the server is one. */
  TEMPORAL_API_KEY?: string;
}

function need(name: 'AGENTCHECK_TEMPORAL_ADDRESS' | 'AGENTCHECK_TEMPORAL_NAMESPACE' | 'AGENTCHECK_TEMPORAL_TASK_QUEUE' | 'AGENTCHECK_TEMPORAL_BUNDLE'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the temporal adapter sets it for every worker)`);
  return value;
}

/** The server may be down (a runtime-restart case starts workers while it restarts): keep trying, as a deployed worker would. */
async function connect(address: string): Promise<NativeConnection> {
  const apiKey = process.env.TEMPORAL_API_KEY;
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect({ address, ...(apiKey ? { apiKey, tls: true } : {}) });
    } catch (err) {
      if (attempt % 20 === 1) process.stderr.write(`temporal worker: cannot reach ${address} yet: ${(err as Error).message}\n`);
      await sleep(100);
    }
  }
}

/** Run the worker; `activities` is called after the hand-over, as it reads the case's environment (the ledger). */
export async function runWorker(activities: () => Activities): Promise<void> {
  // The harness stops workers with SIGTERM; there is nothing to drain, so exit at once.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  exitOnTerm();
  const { spare, traces } = spareHints();
  // Modules only: tracing starts after the hand-over, and only if the case gives OTEL_*.
  // (The ledger's client needs no HTTP client loaded ahead: it POSTs over node:net, decision 0123.)
  if (spare && traces && !tracingMismatch()) await import('./tracing.js');
  await waitForCase();
  // Traced only when the harness gave a collector's address (OTEL_*), as an SDK configured from the environment would.
  // Not with interceptors that do not fit a pinned SDK (tracing-fit.ts): the adapter then declares it lacks traces.
  const wanted = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && !tracingMismatch();
  const traced = wanted ? (await import('./tracing.js')).tracingOptions() : {};
  const connection = await connect(need('AGENTCHECK_TEMPORAL_ADDRESS'));
  const worker = await Worker.create({
    connection,
    namespace: need('AGENTCHECK_TEMPORAL_NAMESPACE'),
    taskQueue: need('AGENTCHECK_TEMPORAL_TASK_QUEUE'),
    workflowBundle: { codePath: need('AGENTCHECK_TEMPORAL_BUNDLE') },
    activities: activities(),
    stickyQueueScheduleToStartTimeout: STICKY_SCHEDULE_TO_START,
    ...traced,
  });
  announceReady(JSON.stringify({ pid: process.pid }));
  await worker.run();
}
