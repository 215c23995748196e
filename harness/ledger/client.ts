import { randomUUID } from 'node:crypto';
import type { EffectRequest } from './events.js';
import { postOverSocket, PostError, type PostAnswer } from './post.js';

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
  /**
   * The HTTP status, when the outside world answered one: as on the errors of real API
   * clients (OpenAI's, Stripe's, axios's), which a runtime's default retry policy reads
   * to leave a 4xx alone (LangGraph's does: decision 0060).
   */
  readonly status?: number;
  constructor(message: string, retryable: boolean, status?: number) {
    super(message);
    this.retryable = retryable;
    if (status !== undefined) this.status = status;
  }
}

/** How long telling the ledger about an abandoned attempt may take: best effort, it must not stall a retry. */
const ABANDON_NOTICE_TIMEOUT_MS = 1000;

/**
 * One call to the outside world. Throws EffectCallError on any failure; whether and
 * how to retry is the runtime's business, as it would be for a real API.
 */
export async function callEffect(ledger: LedgerAddress, req: EffectRequest, timeoutMs = 5000, extraHeaders: Record<string, string> = {}): Promise<string> {
  const callId = randomUUID();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${ledger.token}` };
  let answer: PostAnswer;
  try {
    // `extraHeaders` may carry the caller's W3C trace context (traceparent): the ledger records which span made the call.
    answer = await postOverSocket(`${ledger.url}/effects`, { ...extraHeaders, ...headers }, JSON.stringify({ ...req, pid: process.pid, callId }), timeoutMs);
  } catch (err) {
    await abandon(ledger, req, callId, headers);
    const cutOff = err instanceof PostError && err.cutOff;
    throw new EffectCallError(`${req.stepId}: ${cutOff ? 'answer cut off' : 'no answer'} (${(err as Error).message})`, true);
  }
  const text = answer.body.toString('utf8');
  if (answer.status < 200 || answer.status > 299) throw new EffectCallError(`${req.stepId}: HTTP ${answer.status} ${text}`, answer.status >= 500, answer.status);
  return (JSON.parse(text) as { value: string }).value;
}

/**
 * Tell the ledger this attempt's answer was never read. A timeout that fires on a
 * starved event loop wins over an answer already in the socket, and the ledger, which
 * wrote it to an open connection, would count it as read: a runtime that then retries
 * would look as if it replayed a finished step (decision 0054). Best effort: a lost
 * notice leaves the answer counted as read, as before.
 */
async function abandon(ledger: LedgerAddress, req: EffectRequest, callId: string, headers: Record<string, string>): Promise<void> {
  await postOverSocket(`${ledger.url}/abandoned`, headers, JSON.stringify({ runId: req.runId, stepId: req.stepId, callId }), ABANDON_NOTICE_TIMEOUT_MS).catch(() => undefined);
}
