import { connect } from 'node:net';

// An HTTP/1.1 POST over a fresh TCP connection, for a worker's calls to the harness's
// own servers on 127.0.0.1 (the ledger, the OTLP trace receiver). Why not fetch() or
// node:http: loading Node's HTTP client costs a process ~40 ms of CPU, about half of a
// reference worker's start, and explore starts ~1.8 workers a case (decision 0123).
// node:net is loaded anyway. Only what those servers answer is read: a status line,
// headers, and a body framed by Content-Length, by chunks, or by the close.

export interface PostAnswer {
  status: number;
  body: Buffer;
}

/** Why a POST got no usable answer: `cutOff` once the status line had arrived. */
export class PostError extends Error {
  readonly cutOff: boolean;
  constructor(message: string, cutOff: boolean) {
    super(message);
    this.cutOff = cutOff;
  }
}

/**
 * POST `body` to `url` (http: only) and read the whole answer, within `timeoutMs` from
 * the start. The connection is the call's own (`Connection: close`): when the caller
 * gives up (its timeout), the socket is destroyed and the server sees it gone, as it
 * would see a fetch() aborted.
 */
export function postOverSocket(url: string, headers: Record<string, string>, body: string | Uint8Array, timeoutMs: number): Promise<PostAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'http:') return Promise.reject(new PostError(`${url}: only http: is spoken here`, false));
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const head = [`POST ${target.pathname}${target.search} HTTP/1.1`, `host: ${target.host}`, 'connection: close', `content-length: ${payload.length}`];
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 80) });
    const finish = (outcome: PostAnswer | PostError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof PostError) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish(new PostError(`timed out after ${timeoutMs} ms`, statusArrived(chunks))), timeoutMs);
    socket.on('connect', () => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      socket.write(payload);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const answer = readAnswer(Buffer.concat(chunks), false);
      if (answer) finish(answer);
    });
    socket.on('end', () => finish(readAnswer(Buffer.concat(chunks), true) ?? new PostError('connection closed before a whole answer', statusArrived(chunks))));
    socket.on('error', (err) => finish(new PostError(err.message, statusArrived(chunks))));
    socket.on('close', () => finish(new PostError('connection closed before a whole answer', statusArrived(chunks))));
  });
}

function statusArrived(chunks: Buffer[]): boolean {
  return Buffer.concat(chunks).includes('\r\n');
}

/** The answer in `bytes`, if it is whole; `closed`: the server closed, so a body without a length ends here. */
export function readAnswer(bytes: Buffer, closed: boolean): PostAnswer | PostError | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) return new PostError(`not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 80))}`, true);
  const fields = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const rest = bytes.subarray(headEnd + 4);
  const answer = (body: Buffer) => ({ status: Number(status[1]), body });
  // 1xx, 204 and 304 carry no body whatever their fields say.
  if (/^(1\d\d|204|304)$/.test(status[1]!)) return answer(Buffer.alloc(0));
  if (/chunked/i.test(fields.get('transfer-encoding') ?? '')) {
    const body = unchunk(rest);
    return body ?? (closed ? new PostError('connection closed inside a chunked answer', true) : undefined);
  }
  const length = fields.get('content-length');
  if (length !== undefined) {
    const n = Number(length);
    if (!Number.isSafeInteger(n) || n < 0) return new PostError(`content-length is ${JSON.stringify(length)}`, true);
    if (rest.length >= n) return answer(rest.subarray(0, n));
    return closed ? new PostError(`answer cut off at ${rest.length} of ${n} bytes`, true) : undefined;
  }
  return closed ? answer(rest) : undefined;

  function unchunk(data: Buffer): PostAnswer | undefined {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = data.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(data.subarray(at, lineEnd).toString('latin1').split(';')[0]!, 16);
      if (Number.isNaN(size)) return undefined;
      if (size === 0) return answer(Buffer.concat(parts));
      const start = lineEnd + 2;
      if (data.length < start + size + 2) return undefined;
      parts.push(data.subarray(start, start + size));
      at = start + size + 2;
    }
  }
}
