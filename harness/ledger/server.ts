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
  /** How long a `hang` lasts before the connection is dropped (default 1.5 s). */
  hangMs?: number;
  /**
   * A `hang` that lasts until the caller gives up (its socket closes) or the case ends
   * (`endHangs`, `close`), whichever comes first, instead of `hangMs`: a service that never answers.
   */
  untilCallerGone?: boolean;
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
  /**
   * What the service answers when this call's idempotency key was first used with another
   * request (another route or body), as a payment API does (Stripe: 400
   * `idempotency_error`); absent where a key is only compared, not its request (/effects).
   */
  keyReused?: (key: string) => string;
  /** The service answers a key first seen with another request with the first answer, not keyReused (decision 0109). */
  firstAnswerOnReuse?: boolean;
  /**
   * What the service answers when this call's idempotency key is held by a request still in
   * progress (Stripe: 409 `idempotency_error`); absent on /effects, whose steps a runtime's
   * interpreter serializes by key (decision 0103).
   */
  keyInUse?: (key: string) => string;
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
  /**
   * Ends every call held by an `untilCallerGone` hang: it is recorded as held until the
   * case ended, and its caller left waiting until `close` drops its connection (so the
   * caller cannot act on the end after the run is over). A case calls it when its run is
   * over, so a held call never keeps it alive. Returns how many it ended.
   */
  endHangs(): number;
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
  /** Each idempotency key's first answer, and the request it was first used with (its route and body, and which call it was). */
  const idempotent = new Map<string, { value: string; request?: string; nth?: number }>();
  /** Keys of an agent's calls received and not yet applied or given up (key -> the call's number). */
  const inProgress = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  /** Calls held by an `untilCallerGone` hang: each ends its hold as the case ends. */
  const heldOpen = new Set<() => void>();
  /** Attempts their callers gave up on without reading the answer (callId -> when they said so). */
  const abandoned = new Map<string, number>();
  let seq = 0;
  let closed = false;
  let inFlight = 0;
  let lastActivity = Date.now();

  const record = (req: EffectRequest & Pick<LedgerEvent, 'trace' | 'hung' | 'keyReusedFrom' | 'keyInUseBy'>, attempt: number, outcome: Outcome, receivedAt: number, reason?: string, finishedAt = Date.now()) => {
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
  const { answerCall, keyReusedReply, keyInUseReply } = opts.world ? await import('../world/face.js') : { answerCall: undefined, keyReusedReply: undefined, keyInUseReply: undefined };
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
    const firstAnswer = opts.world.hosts[answer.effect.call?.host ?? '']?.reusedKey === 'first-answer';
    return { parsed: answer.effect, value: JSON.stringify(answer.reply), ok, keyReused: (key) => JSON.stringify(keyReusedReply!(key)), ...(firstAnswer ? { firstAnswerOnReuse: true } : {}), keyInUse: (key) => JSON.stringify(keyInUseReply!(key)) };
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
    // An agent's keyed call meets the key held by a request still in progress (received, not yet
    // applied): refused at once, before any fault or hold, as Stripe does; nothing happens (decision 0103).
    const heldKey = incoming.keyInUse && parsed.call && parsed.idempotencyKey && !idempotent.has(parsed.idempotencyKey) ? parsed.idempotencyKey : undefined;
    if (heldKey !== undefined && inProgress.has(heldKey)) {
      const by = inProgress.get(heldKey)!;
      incoming.ok(res, incoming.keyInUse!(heldKey.split('\u0000').at(-1)!));
      record({ ...parsed, keyInUseBy: by }, attempt, 'failed', receivedAt, `idempotency key in use by #${by}, still in progress: refused`);
      return;
    }
    if (heldKey !== undefined) inProgress.set(heldKey, parsed.call!.nth ?? 0);
    for (const l of requestListeners) l(parsed);
    const directive = interceptors.map((fn) => fn(parsed, attempt)).find((d) => d !== undefined) ?? { apply: true, reply: 'ok' };
    const latency = opts.latencyFor?.(parsed.stepId) ?? 0;
    // A hold runs while the outside world is still working, so a crash lands mid-call.
    try {
      await Promise.all([latency > 0 ? sleep(latency) : undefined, directive.hold?.()]);
    } finally {
      // The key is in progress no longer: the request is applied (its answer kept) or not, at once below.
      if (heldKey !== undefined) inProgress.delete(heldKey);
    }

    let value = incoming.value;
    let outcome: Outcome = 'failed';
    let keyReusedFrom: number | undefined;
    // The request a key is compared on: its route and body (an agent's call); none for an interpreter's step.
    const request = incoming.keyReused && parsed.call ? `${parsed.call.label}\u0000${parsed.call.bodyDigest}` : undefined;
    if (directive.apply) {
      const prior = parsed.idempotencyKey ? idempotent.get(parsed.idempotencyKey) : undefined;
      if (prior !== undefined && request !== undefined && prior.request !== request && incoming.firstAnswerOnReuse) {
        // A service that answers the key, not the request: the first answer, nothing happens (decision 0109).
        value = prior.value;
        outcome = 'deduplicated';
        keyReusedFrom = prior.nth ?? 0;
        directive.reason ??= `idempotency key first used with another request${prior.nth ? ` (#${prior.nth})` : ''}: answered with its answer`;
      } else if (prior !== undefined && request !== undefined && prior.request !== request) {
        // The key was first used for another request: refused, nothing happens (decision 0094).
        value = incoming.keyReused!(parsed.idempotencyKey!.split('\u0000').at(-1)!);
        keyReusedFrom = prior.nth ?? 0;
        directive.reason ??= `idempotency key first used with another request${prior.nth ? ` (#${prior.nth})` : ''}: refused`;
      } else if (prior !== undefined) {
        value = prior.value;
        outcome = 'deduplicated';
      } else {
        if (parsed.idempotencyKey) idempotent.set(parsed.idempotencyKey, { value, request, nth: parsed.call?.nth });
        outcome = 'applied';
      }
    }
    if (directive.beforeReply) await directive.beforeReply();

    const callerGone = directive.callerGone || req.socket.destroyed;
    let hung: LedgerEvent['hung'];
    if (directive.reply === 'hang' && directive.untilCallerGone) {
      const until = await holdOpen(req.socket);
      hung = { until, heldMs: Date.now() - receivedAt };
    } else if (directive.reply === 'hang') await hang(directive.hangMs ?? 1500, req.socket);
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
        // Held until the case ended: the caller is still waiting, and is left waiting (no answer to
        // act on after the run was judged over) until the ledger closes and drops every connection.
        if (hung?.until !== 'case-ended') req.socket.destroy();
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
    record({ ...parsed, ...(hung ? { hung } : {}), ...(keyReusedFrom !== undefined ? { keyReusedFrom } : {}) }, attempt, outcome, receivedAt, directive.reason ?? (outcome === 'failed' ? `injected ${directive.reply}` : undefined), repliedAt);
  };

  /** Holds a call unanswered until its caller's socket closes or the case ends its hangs. */
  const holdOpen = (socket: import('node:net').Socket) =>
    new Promise<NonNullable<LedgerEvent['hung']>['until']>((resolve) => {
      if (socket.destroyed || closed) return resolve(socket.destroyed ? 'caller-gave-up' : 'case-ended');
      const done = (until: 'caller-gave-up' | 'case-ended') => {
        socket.off('close', gone);
        heldOpen.delete(ended);
        resolve(until);
      };
      const gone = () => done('caller-gave-up');
      const ended = () => done('case-ended');
      socket.once('close', gone);
      heldOpen.add(ended);
    });

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
    endHangs() {
      const held = [...heldOpen];
      for (const end of held) end();
      return held.length;
    },
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
      // A call still held is held until now: the case is over, not its caller.
      for (const end of [...heldOpen]) end();
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
