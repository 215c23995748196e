import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { EffectRequest, LedgerEvent, Outcome } from './events.js';
import { responseFor } from './response.js';
import { REFUSED_STATUS } from '../intercept/forward.js';
import { parseBaseUrlPath, type BaseUrlTarget } from './base-url.js';
import type { WorldCall, WorldReply, WorldSpec } from '../world/face.js';
import { parseTraceParent } from '../traces/span.js';

/**
 * How the ledger treats one request. Faults install interceptors that return one;
 * `hold` runs before the effect (a crash can land there), `beforeReply` after it.
 */
export interface Directive {
  hold?: () => Promise<void>;
  apply: boolean;
  reply: 'ok' | 'error' | 'hang' | 'drop';
  hangMs?: number;
  beforeReply?: () => Promise<void>;
  afterReply?: () => Promise<void>;
  /** Set by a hook that killed the caller: the answer is written but never read. */
  callerGone?: boolean;
  reason?: string;
}
export type Interceptor = (req: EffectRequest, attempt: number) => Directive | undefined;

export interface LedgerOptions {
  /** JSONL file every event is appended to as it happens. */
  file: string;
  /** How long the outside world takes to answer a step. */
  latencyFor?: (stepId: string) => number;
  /** The world an unmodified agent calls through the interceptor (POST /world). */
  world?: WorldSpec;
  /**
   * Asked before each authorized call, with the record so far: a reason refuses the
   * call with HTTP 403, as a policy gateway would (harness/policy/rules.ts policyGate).
   */
  refuse?: (req: EffectRequest, receivedAt: number, events: readonly LedgerEvent[]) => string | undefined;
}

/** One request as the ledger reads it, whichever route it came by. */
interface Incoming {
  parsed: EffectRequest & Pick<LedgerEvent, 'trace'>;
  /** The answer if the effect takes place (a repeat of a key gets the first one). */
  value: string;
  ok: (res: ServerResponse, value: string) => void;
  refused?: { status: number; reason: string };
}

export interface Ledger {
  url: string;
  token: string;
  readonly events: readonly LedgerEvent[];
  intercept(fn: Interceptor): void;
  /** Resolves with the first event (past or future) that matches; rejects when the ledger closes. */
  waitFor(match: (e: LedgerEvent) => boolean): Promise<LedgerEvent>;
  /** Resolves when a request that matches arrives, before it is answered. */
  onRequest(fn: (req: EffectRequest) => void): void;
  /** Requests that arrived and are not answered and recorded yet. */
  openRequests(): number;
  /** Resolves once no request has been in flight or arrived for `quietMs` (or after maxMs). */
  quiet(quietMs: number, maxMs: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A hang lasts its length, or until its caller closed the connection (its client's
 * timeout fired, or its process died): nobody is left to see it end, and a case whose
 * run is over would otherwise wait out the rest of it before being judged.
 */
function hang(ms: number, socket: Socket): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}

export async function startLedger(opts: LedgerOptions): Promise<Ledger> {
  const token = randomBytes(16).toString('hex');
  const fd = openSync(opts.file, 'a');
  const events: LedgerEvent[] = [];
  const interceptors: Interceptor[] = [];
  const waiters: { match: (e: LedgerEvent) => boolean; resolve: (e: LedgerEvent) => void; reject: (err: Error) => void }[] = [];
  const requestListeners: ((req: EffectRequest) => void)[] = [];
  const attempts = new Map<string, number>();
  const idempotent = new Map<string, string>();
  const sockets = new Set<import('node:net').Socket>();
  /** Attempts their callers gave up on without reading the answer (callId -> when they said so). */
  const abandoned = new Map<string, number>();
  let seq = 0;
  let closed = false;
  let inFlight = 0;
  let lastActivity = Date.now();

  const record = (req: EffectRequest & Pick<LedgerEvent, 'trace'>, attempt: number, outcome: Outcome, receivedAt: number, reason?: string, finishedAt = Date.now()) => {
    const abandonedAt = req.callId !== undefined && isAnswer(outcome) ? abandoned.get(req.callId) : undefined;
    const event: LedgerEvent = { ...req, seq: ++seq, attempt, outcome, receivedAt, finishedAt, ...(reason ? { reason } : {}), ...(abandonedAt !== undefined ? { abandonedAt } : {}) };
    events.push(event);
    if (!closed) writeSync(fd, JSON.stringify(event) + '\n');
    for (const w of [...waiters]) if (w.match(event)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
  };

  // Loaded only for a world: an interpreter's run never pays for faker.
  const answerCall = opts.world ? (await import('../world/face.js')).answerCall : undefined;
  const callsSeen = new Map<string, number>();
  const nthCall = (label: string) => {
    const n = (callsSeen.get(label) ?? 0) + 1;
    callsSeen.set(label, n);
    return n;
  };

  // The /effects route: an interpreter names its step; the answer is the step's value.
  const readEffect = (body: string, authorized: boolean, traceparent: string | undefined): Incoming => {
    // The span that made the request comes from its header, never from the body.
    const { trace: _ignored, ...sent } = JSON.parse(body) as EffectRequest & Pick<LedgerEvent, 'trace'>;
    const trace = parseTraceParent(traceparent);
    const parsed = { ...sent, ...(trace ? { trace } : {}) };
    if (typeof parsed.runId !== 'string' || typeof parsed.stepId !== 'string') throw new Error('runId and stepId are required');
    return {
      parsed,
      value: responseFor(parsed.stepId, parsed.tool),
      ok: (res, value) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value })),
      ...(authorized ? {} : { refused: { status: 401, reason: 'missing or wrong run token' } }),
    };
  };

  // The /world route: an agent's own call, forwarded by the interceptor in its process.
  const readWorldCall = (body: string, authorized: boolean): Incoming => {
    const call = JSON.parse(body) as WorldCall;
    if (typeof call.url !== 'string' || typeof call.method !== 'string') throw new Error('method and url are required');
    return worldIncoming(call, authorized);
  };

  // The /base/<token>/<host>/... route: the agent's own request, sent here by a base URL (decision 0071).
  const readBaseUrlCall = (req: IncomingMessage, target: BaseUrlTarget) => (body: string): Incoming => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    return worldIncoming({ method: req.method ?? 'GET', url: target.url, headers, body }, target.token === token);
  };

  /** One call to the world, however it arrived: what it answers, or why it refuses. */
  const worldIncoming = (call: WorldCall, authorized: boolean): Incoming => {
    if (!opts.world || !answerCall) throw new Error('this ledger has no world');
    const answer = answerCall(opts.world, { ...call, headers: call.headers ?? {}, body: call.body ?? '' }, nthCall);
    const ok = (res: ServerResponse, value: string) => {
      const reply = JSON.parse(value) as WorldReply;
      res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
    };
    if (!authorized) return { parsed: answer.effect, value: '', ok, refused: { status: 401, reason: 'missing or wrong run token' } };
    if ('refused' in answer) return { parsed: answer.effect, value: '', ok, refused: { status: REFUSED_STATUS, reason: answer.refused } };
    return { parsed: answer.effect, value: JSON.stringify(answer.reply), ok };
  };

  /**
   * The caller gave up on an attempt without reading its answer. Usually the answer is
   * recorded already (it was written to the still-open socket): its event is marked,
   * and written again to the file with the mark (the later line for a seq is the one
   * that holds); else the mark waits for the answer.
   */
  const abandon = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    let notice: { runId?: unknown; callId?: unknown };
    try {
      notice = JSON.parse(await readBody(req)) as typeof notice;
    } catch {
      notice = {};
    }
    if (req.headers.authorization !== `Bearer ${token}` || typeof notice.callId !== 'string' || typeof notice.runId !== 'string') {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'an abandoned call needs the run token, runId and callId' }));
      return;
    }
    abandoned.set(notice.callId, at);
    const event = events.find((e) => e.callId === notice.callId && e.runId === notice.runId);
    if (event && isAnswer(event.outcome) && event.abandonedAt === undefined) {
      event.abandonedAt = at;
      if (!closed) writeSync(fd, JSON.stringify(event) + '\n');
    }
    res.writeHead(204).end();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const receivedAt = Date.now();
    if (req.method === 'POST' && req.url === '/abandoned') return abandon(req, res);
    const target = parseBaseUrlPath(req.url ?? '');
    const read = req.method === 'POST' && req.url === '/effects' ? readEffect : req.method === 'POST' && req.url === '/world' ? readWorldCall : target ? readBaseUrlCall(req, target) : undefined;
    if (!read) {
      res.writeHead(404).end();
      return;
    }
    const body = await readBody(req);
    let incoming: Incoming;
    try {
      incoming = read(body, req.headers.authorization === `Bearer ${token}`, req.headers.traceparent as string | undefined);
    } catch (err) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(err) }));
      return;
    }
    const { parsed } = incoming;
    const key = `${parsed.runId}\u0000${parsed.stepId}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    if (incoming.refused) {
      record(parsed, attempt, 'refused', receivedAt, incoming.refused.reason);
      res.writeHead(incoming.refused.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: incoming.refused.reason }));
      return;
    }
    const refusal = opts.refuse?.(parsed, receivedAt, events);
    if (refusal) {
      // Refused before the outside world is reached: nothing happens, and a fault anchored here does not fire.
      record(parsed, attempt, 'refused', receivedAt, refusal);
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: refusal }));
      return;
    }
    for (const l of requestListeners) l(parsed);
    const directive = interceptors.map((fn) => fn(parsed, attempt)).find((d) => d !== undefined) ?? { apply: true, reply: 'ok' };
    const latency = opts.latencyFor?.(parsed.stepId) ?? 0;
    // A hold runs while the outside world is still working, so a crash lands mid-call.
    await Promise.all([latency > 0 ? sleep(latency) : undefined, directive.hold?.()]);

    let value = incoming.value;
    let outcome: Outcome = 'failed';
    if (directive.apply) {
      const prior = parsed.idempotencyKey ? idempotent.get(parsed.idempotencyKey) : undefined;
      if (prior !== undefined) {
        value = prior;
        outcome = 'deduplicated';
      } else {
        if (parsed.idempotencyKey) idempotent.set(parsed.idempotencyKey, value);
        outcome = 'applied';
      }
    }
    if (directive.beforeReply) await directive.beforeReply();

    const callerGone = directive.callerGone || req.socket.destroyed;
    if (directive.reply === 'hang') await hang(directive.hangMs ?? 1500, req.socket);
    // Stamped just before the answer is written, so the caller cannot have it earlier
    // (a GC pause here only delays the answer); what a fault does after it (kill a
    // server) must not move the time either. Checkers time waits from this stamp.
    const repliedAt = Date.now();
    switch (directive.reply) {
      case 'ok':
        incoming.ok(res, value);
        break;
      case 'error':
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'injected failure' }));
        break;
      case 'hang':
      case 'drop':
        req.socket.destroy();
        break;
    }
    if (directive.afterReply) await directive.afterReply();
    const answered = directive.reply === 'ok' && !callerGone;
    if (outcome === 'applied' && !answered) outcome = 'response-lost';
    // A deduplicated answer the caller never read took no effect and told nobody anything.
    if (outcome === 'deduplicated' && !answered) {
      outcome = 'failed';
      directive.reason ??= 'caller gone before the deduplicated answer';
    }
    if (outcome === 'failed' && !directive.reason && callerGone) directive.reason = 'caller gone';
    record(parsed, attempt, outcome, receivedAt, directive.reason ?? (outcome === 'failed' ? `injected ${directive.reply}` : undefined), repliedAt);
  };

  const server = createServer((req, res) => {
    inFlight++;
    lastActivity = Date.now();
    handle(req, res)
      .catch((err) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      })
      .finally(() => {
        inFlight--;
        lastActivity = Date.now();
      });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    events,
    intercept: (fn) => void interceptors.push(fn),
    onRequest: (fn) => void requestListeners.push(fn),
    openRequests: () => inFlight,
    waitFor(match) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
    async quiet(quietMs, maxMs) {
      const until = Date.now() + maxMs;
      while (Date.now() < until && (inFlight > 0 || Date.now() - lastActivity < quietMs)) await sleep(10);
    },
    async close() {
      if (closed) return;
      // Anything still waiting for an event will not see one now.
      for (const w of waiters.splice(0)) w.reject(new Error('ledger closed'));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      closed = true;
      closeSync(fd);
    },
  };
}

/** Outcomes that carry an answer to the caller. */
const isAnswer = (o: Outcome) => o === 'applied' || o === 'deduplicated';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
