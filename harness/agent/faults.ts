import { z } from 'zod';

/**
 * A fault names an effect by what the agent does: `crash-worker after-effect "POST
 * api.stripe.com/v1/refunds" #1`, `crash-worker during-effect "chat.completions" #1` (the
 * worker killed while the call is held in flight; the world completes it anyway), `response-lost "chat.completions" #2` (an Anthropic
 * model's calls: "messages"), `fails "GET
 * api.search.dev/v1/search"` (#1 when no number is given), `hang after-effect "POST
 * api.stripe.com/v1/refunds"` (the call takes effect and is never answered until the
 * agent gives up; `hang before-effect`: nothing happens; a bare `hang` is `hang after-effect`),
 * `slow "POST api.stripe.com/v1/refunds"` (the service is still working on the call when
 * the agent gives up: it stays in progress, its idempotency key held, until the agent's
 * next call on that route has been answered or the run is over, then takes effect; decision 0103).
 * `restart-runtime after-effect "POST api.stripe.com/v1/refunds"` (before-effect, during-effect too): the
 * runtime's server the config's `runtime` names is SIGKILLed at that call and started again on the same data
 * (decision 0104); the worker lives on.
 */
export type AgentFaultKind = 'crash-worker before-effect' | 'crash-worker during-effect' | 'crash-worker after-effect' | 'response-lost' | 'fails' | 'hang before-effect' | 'hang after-effect' | 'slow' | RestartRuntimeKind;
export type RestartRuntimeKind = 'restart-runtime before-effect' | 'restart-runtime during-effect' | 'restart-runtime after-effect';
export const restartsRuntime = (f: { kind: AgentFaultKind }): boolean => f.kind.startsWith('restart-runtime');
export interface ParsedFault {
  kind: AgentFaultKind;
  label: string;
  nth: number;
  text: string;
}

const GRAMMAR = /^(crash-worker before-effect|crash-worker during-effect|crash-worker after-effect|response-lost|fails|hang before-effect|hang after-effect|hang|slow|restart-runtime before-effect|restart-runtime during-effect|restart-runtime after-effect) "([^"]+)"(?: #(\d+))?$/;

export function parseFault(text: string): ParsedFault | undefined {
  const m = GRAMMAR.exec(text.trim());
  if (!m) return undefined;
  // A bare `hang` is the harder case: a payment API that applied the refund and whose answer never came (decision 0093).
  const kind = (m[1] === 'hang' ? 'hang after-effect' : m[1]) as AgentFaultKind;
  return { kind, label: m[2], nth: m[3] ? Number(m[3]) : 1, text: text.trim() };
}

export const AgentFault = z.string().transform((text, ctx) => {
  const f = parseFault(text);
  if (!f) {
    ctx.addIssue({ code: 'custom', message: 'expected `crash-worker before-effect|crash-worker during-effect|crash-worker after-effect|response-lost|fails|hang [before-effect|after-effect]|slow|restart-runtime before-effect|restart-runtime during-effect|restart-runtime after-effect "METHOD host/path" #N` or "chat.completions" (OpenAI) / "messages" (Anthropic) as the effect' });
    return z.NEVER;
  }
  return f;
});
