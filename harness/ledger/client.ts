import type { EffectRequest } from './events.js';

/** Where an interpreter finds the ledger: given to every worker through its environment. */
export interface LedgerAddress {
  url: string;
  token: string;
}

export function ledgerFromEnv(env: NodeJS.ProcessEnv = process.env): LedgerAddress {
  const url = env.AGENTCHECK_LEDGER_URL;
  const token = env.AGENTCHECK_LEDGER_TOKEN;
  if (!url || !token) throw new Error('AGENTCHECK_LEDGER_URL and AGENTCHECK_LEDGER_TOKEN must be set (the harness sets them for every worker)');
  return { url, token };
}

export class EffectCallError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.retryable = retryable;
  }
}

/**
 * One call to the outside world. Throws EffectCallError on any failure; whether and
 * how to retry is the runtime's business, as it would be for a real API.
 */
export async function callEffect(ledger: LedgerAddress, req: EffectRequest, timeoutMs = 5000, headers: Record<string, string> = {}): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${ledger.url}/effects`, {
      method: 'POST',
      // `headers` may carry the caller's W3C trace context (traceparent): the ledger records which span made the call.
      headers: { ...headers, 'content-type': 'application/json', authorization: `Bearer ${ledger.token}` },
      body: JSON.stringify({ ...req, pid: process.pid }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new EffectCallError(`${req.stepId}: no answer (${(err as Error).cause ?? (err as Error).message})`, true);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new EffectCallError(`${req.stepId}: answer cut off (${(err as Error).message})`, true);
  }
  if (!res.ok) throw new EffectCallError(`${req.stepId}: HTTP ${res.status} ${text}`, res.status >= 500);
  return (JSON.parse(text) as { value: string }).value;
}
