import { join } from 'node:path';
import type { Adapter, CaseContext, CaseRuntime, RunResult } from '../../harness/index.js';
import type { RunOutput } from '../../harness/plan/index.js';
import { scriptBeside, sleep } from '../../harness/kit.js';

/** Known-bad on purpose: the demo agent loop that loses or repeats work on a crash. */
export const adapter: Adapter = {
  name: 'naive',
  description: 'known-bad demo agent loop (in memory, restarts from scratch, no idempotency keys)',
  runtimeVersion: 'agentcheck-naive/1',
  lacks: {
    'read-history': 'the demo loop keeps no record of its steps',
    'restart-runtime': 'the demo loop has no server of its own: its state is the worker process',
    traces: 'the demo loop emits no traces',
  },
  async openCase(ctx: CaseContext): Promise<CaseRuntime> {
    let url = '';
    const call = async (path: string, init?: RequestInit) => {
      if (!url) throw new Error('naive worker not started');
      return fetch(url + path, { ...init, headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(2000) });
    };
    return {
      worker: { script: scriptBeside(import.meta.url, 'worker.js'), args: [join(ctx.dir, 'jobs.json')] },
      async workerStarted(payload) {
        url = (JSON.parse(payload) as { url: string }).url;
      },
      async startRun(runId) {
        const res = await call('/runs', { method: 'POST', body: JSON.stringify({ runId, plan: ctx.plan }) });
        if (!res.ok) throw new Error(`start: HTTP ${res.status}`);
      },
      async deliverApproval(runId, stepId, decision) {
        const res = await call(`/runs/${runId}/approvals/${stepId}`, { method: 'POST', body: JSON.stringify({ decision }) });
        if (!res.ok) throw new Error(`approval: HTTP ${res.status}`);
      },
      async awaitResult(runId, signal): Promise<RunResult> {
        while (!signal.aborted) {
          try {
            const res = await call(`/runs/${runId}`);
            const job = (await res.json()) as { status?: string; output?: RunOutput; error?: string };
            if (job.status === 'completed') return { status: 'completed', output: job.output! };
            if (job.status === 'failed') return { status: 'failed', error: job.error ?? 'unknown error' };
          } catch {
            // worker down: keep asking, as a client would
          }
          await sleep(20);
        }
        throw signal.reason;
      },
      async close() {},
    };
  },
};
