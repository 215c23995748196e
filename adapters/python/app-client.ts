import type { CaseRuntime, CommandWorker, ReadsHistory, RunResult, RuntimeHistory } from '../../harness/index.js';
import { Replicas, sleep } from '../../harness/kit.js';

// The TypeScript side of a Python worker app (python/agentcheck_kit/app.py): every
// call goes over HTTP to the case's live workers, so this side needs no Python and
// no runtime SDK. Results and history are read from a worker, which reads them from
// the runtime's own store (a checkpointer, a server).

const POLL_MS = 50;

export interface WorkerAppOptions {
  worker: CommandWorker;
  /** Read the runtime's own record of a run (the audit trail) from the app. */
  history: boolean;
  close(): Promise<void>;
}

export function workerAppRuntime(opts: WorkerAppOptions): CaseRuntime & Partial<ReadsHistory> {
  const replicas = new Replicas();
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await replicas.request(method, path, body);
    const text = await res.text();
    return { status: res.status, value: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    worker: opts.worker,
    async workerStarted(payload) {
      replicas.add((JSON.parse(payload) as { url: string }).url);
    },
    async startRun(runId) {
      const res = await call('POST', '/runs', { runId });
      if (res.status !== 202) throw new Error(`start: HTTP ${res.status} ${JSON.stringify(res.value)}`);
    },
    async deliverApproval(runId, stepId, decision) {
      const res = await call('POST', `/runs/${runId}/approvals/${stepId}`, { decision });
      if (res.status !== 202) throw new Error(`approval: HTTP ${res.status} ${JSON.stringify(res.value)}`);
    },
    async awaitResult(runId, signal): Promise<RunResult> {
      while (!signal.aborted) {
        // No live worker (killed by a fault, not yet restarted): ask again, as a dashboard would.
        const res = await call('GET', `/runs/${runId}`).catch(() => undefined);
        const value = res?.status === 200 ? (res.value as { status?: string; output?: unknown; error?: string }) : undefined;
        if (value?.status === 'completed') return { status: 'completed', output: value.output as Extract<RunResult, { status: 'completed' }>['output'] };
        if (value?.status === 'failed') return { status: 'failed', error: String(value.error) };
        await sleep(POLL_MS);
      }
      throw signal.reason;
    },
    ...(opts.history
      ? {
          async readHistory(runId: string): Promise<RuntimeHistory> {
            const res = await call('GET', `/runs/${runId}/history`);
            if (res.status !== 200) throw new Error(`history: HTTP ${res.status} ${JSON.stringify(res.value)}`);
            return res.value as unknown as RuntimeHistory;
          },
        }
      : {}),
    close: opts.close,
  };
}
