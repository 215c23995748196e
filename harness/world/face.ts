import { createHash } from 'node:crypto';
import type { EffectRequest } from '../ledger/events.js';
import { anthropicMessage } from './anthropic-messages.js';
import { chatCompletion } from './chat-completions.js';
import { modelTurn, turnIndex, usageOf, type ModelScript } from './script.js';
import { serviceBody } from './service-body.js';
import { bodyFields, canonicalBody, isWrite, type HostSpec } from './services.js';
export { keyInUseReply, keyReusedReply } from './idempotency-error.js';

/** One request the agent made, as the interceptor in its process forwards it. */
export interface WorldCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  pid?: number;
}

export interface WorldReply {
  status: number;
  contentType: string;
  body: string;
}

/** What the world answers a call with, and the effect the ledger records for it. */
export type Answer = { effect: EffectRequest; reply: WorldReply } | { refused: string; effect: EffectRequest };

export interface WorldSpec {
  runId: string;
  seed: number;
  /** Host (with port, if not the default) to what it is. */
  hosts: Record<string, HostSpec>;
  model: ModelScript;
  /** The run's principal: what its identity header must carry on every call. */
  principal: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

/**
 * The outside world's behaviour for one call, apart from how it arrived (the ledger's
 * /world route) or what faults do to it (the ledger's interceptors).
 */
export function answerCall(world: WorldSpec, call: WorldCall, nth: (label: string) => number): Answer {
  const url = new URL(call.url);
  const host = url.host;
  const spec = world.hosts[host];
  const label = `${call.method} ${host}${url.pathname}`;
  const base: EffectRequest = { runId: world.runId, stepId: label, kind: 'tool', pid: call.pid, call: { label, host, method: call.method, path: url.pathname, bodyDigest: digest(canonicalBody(call.body, call.headers['content-type'])) } };
  if (!spec) return { refused: `undeclared host ${host}: declare it in the config's hosts, or the agent may not call it`, effect: base };
  if (spec.identityHeader) base.call!.identity = identityOf(world.principal, call.headers[spec.identityHeader.toLowerCase()]);
  if (spec.model) return modelCall(world, spec.model, call, url, base, nth);
  const n = nth(label);
  base.call!.nth = n;
  const write = isWrite(spec, call.method, url.pathname);
  const key = spec.idempotencyHeader ? call.headers[spec.idempotencyHeader.toLowerCase()] : undefined;
  const effect: EffectRequest = { ...base, mode: write ? 'write' : 'read', ...(key ? { idempotencyKey: `${host}\u0000${key}` } : {}) };
  const fields = bodyFields(call.body, call.headers['content-type']);
  return { effect, reply: { status: 200, contentType: 'application/json', body: serviceBody(world.seed, label, n, fields) } };
}

/** Each API the scripted model speaks: its route, the label faults name its calls by, how it answers. */
const FACES = {
  openai: { path: '/chat/completions', label: 'chat.completions', defaultModel: 'gpt-4o-mini', answer: chatCompletion },
  anthropic: { path: '/messages', label: 'messages', defaultModel: 'claude-sonnet-4-5', answer: anthropicMessage },
} as const;

/** The label faults name a model's calls by: `chat.completions` for an OpenAI host, `messages` for Anthropic. */
export const modelLabelOf = (api: keyof typeof FACES): string => FACES[api].label;

function modelCall(world: WorldSpec, api: keyof typeof FACES, call: WorldCall, url: URL, base: EffectRequest, nth: (label: string) => number): Answer {
  const face = FACES[api];
  if (!url.pathname.endsWith(face.path) || call.method !== 'POST') return { refused: `the scripted model (${api}) answers POST …${face.path} only, not ${call.method} ${url.pathname}`, effect: base };
  const req = bodyFields(call.body, 'application/json') as { messages?: unknown; model?: string; stream?: boolean };
  const turn = turnIndex(req.messages);
  const step = world.model[turn];
  const effect: EffectRequest = { ...base, kind: 'llm', stepId: modelTurn(face.label, turn + 1), call: { ...base.call!, label: face.label, nth: nth(face.label) } };
  if (!step) return { refused: `the model script has ${world.model.length} turns; the agent asked for turn ${turn + 1}`, effect };
  const u = usageOf(step);
  effect.tokens = u.prompt + u.completion;
  const reply = face.answer(world.runId, turn + 1, step, req.model ?? face.defaultModel, req.stream === true);
  return { effect, reply: { status: 200, ...reply } };
}

function identityOf(principal: string, value: string | undefined): 'run' | 'missing' | 'other' {
  if (!value) return 'missing';
  return value.includes(principal) ? 'run' : 'other';
}
