import type { RunResult } from '../../harness/index.js';
import type { Plan, RunOutput } from '../../harness/plan/index.js';
import type { ApprovalInput } from './workflow.js';

// How a Restate user's application talks to the agent: plain HTTP to the ingress.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Ingress {
  private readonly url: string;
  private readonly service: string;
  constructor(url: string, service: string) {
    this.url = url;
    this.service = service;
  }

  /** Submit the workflow keyed by the run id; a second submit of the same key is the same run. */
  async start(runId: string, plan: Plan): Promise<void> {
    const res = await this.post(`/${this.service}/${encodeURIComponent(runId)}/run/send`, plan);
    if (!res.ok) throw new Error(`start ${runId}: HTTP ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }

  /** Call the workflow's decide handler and wait for it: the decision is durable once this returns. */
  async decide(runId: string, input: ApprovalInput): Promise<void> {
    const res = await this.post(`/${this.service}/${encodeURIComponent(runId)}/decide`, input);
    if (!res.ok) throw new Error(`decide ${input.step}: HTTP ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }

  /** Attach to the workflow until it ends; reconnect while the server is down, as a client would. */
  async result(runId: string, signal: AbortSignal): Promise<RunResult> {
    const url = `${this.url}/restate/workflow/${this.service}/${encodeURIComponent(runId)}/attach`;
    while (!signal.aborted) {
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, { signal });
        text = await res.text();
      } catch {
        if (!signal.aborted) await sleep(50);
        continue;
      }
      if (res.ok) return { status: 'completed', output: JSON.parse(text) as RunOutput };
      // A failed workflow answers with the terminal error; anything else is the server having trouble.
      const body = safeJson(text);
      if (res.status < 500 || body?.code !== undefined) return { status: 'failed', error: body?.message ?? `HTTP ${res.status} ${text}` };
      await sleep(50);
    }
    throw signal.reason;
  }

  private post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  }
}

function safeJson(text: string): { message?: string; code?: number } | undefined {
  try {
    return JSON.parse(text) as { message?: string; code?: number };
  } catch {
    return undefined;
  }
}
