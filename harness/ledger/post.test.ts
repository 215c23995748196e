import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postOverSocket, PostError, readAnswer } from './post.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

interface Received {
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Resolves when the caller's connection closed. */
  gone: Promise<void>;
}

/** A node:http server (what the ledger and the trace receiver are) answering each request with `answer`. */
async function serve(answer: (res: ServerResponse, req: IncomingMessage) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const gone = new Promise<void>((r) => req.socket.once('close', () => r()));
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks), gone });
      answer(res, req);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/effects?x=1`, received };
}

describe('postOverSocket', () => {
  it('sends the headers and the body as given and reads an answer framed by its length', async () => {
    const { url, received } = await serve((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":"ünïcode"}'));
    const answer = await postOverSocket(url, { authorization: 'Bearer t', traceparent: '00-abc-def-01' }, '{"runId":"r"}', 2000);
    expect(answer.status).toBe(200);
    expect(answer.body.toString('utf8')).toBe('{"value":"ünïcode"}');
    expect(received[0]!.headers).toMatchObject({ authorization: 'Bearer t', traceparent: '00-abc-def-01', 'content-length': '13' });
    expect(received[0]!.body.toString()).toBe('{"runId":"r"}');
  });

  it('sends bytes unchanged (a protobuf export) and reads a chunked answer', async () => {
    const { url, received } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.write('first,');
      setTimeout(() => res.end('second'), 20);
    });
    const bytes = new Uint8Array([0, 1, 2, 255, 13, 10, 13, 10, 7]);
    const answer = await postOverSocket(url, {}, bytes.subarray(1), 2000);
    expect(answer.body.toString()).toBe('first,second');
    expect([...received[0]!.body]).toEqual([1, 2, 255, 13, 10, 13, 10, 7]);
  });

  it('gives the status of an error answer with its body', async () => {
    const { url } = await serve((res) => res.writeHead(503).end('injected failure'));
    const answer = await postOverSocket(url, {}, '{}', 2000);
    expect([answer.status, answer.body.toString()]).toEqual([503, 'injected failure']);
  });

  it('fails, not cut off, when the server drops the connection without an answer', async () => {
    const { url } = await serve((_res, req) => req.socket.destroy());
    const err = await postOverSocket(url, {}, '{}', 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).cutOff).toBe(false);
  });

  it('fails as cut off when the connection ends inside the body', async () => {
    const { url } = await serve((res, req) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('abc', () => setTimeout(() => req.socket.destroy(), 20));
    });
    const err = await postOverSocket(url, {}, '{}', 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).cutOff).toBe(true);
  });

  it('gives up at its timeout and closes the connection, so the server sees its caller gone', async () => {
    const { url, received } = await serve(() => undefined);
    const started = Date.now();
    const err = await postOverSocket(url, {}, '{}', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as Error).message).toBe('timed out after 100 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(99);
    await received[0]!.gone;
  });

  it('fails when nothing listens, and refuses https', async () => {
    const { url } = await serve(() => undefined);
    const port = new URL(url).port;
    server!.closeAllConnections();
    await new Promise((r) => server!.close(r));
    server = undefined;
    await expect(postOverSocket(`http://127.0.0.1:${port}/`, {}, '{}', 2000)).rejects.toBeInstanceOf(PostError);
    await expect(postOverSocket('https://127.0.0.1/', {}, '{}', 2000)).rejects.toThrow('only http: is spoken here');
  });
});

describe('readAnswer', () => {
  const bytes = (s: string) => Buffer.from(s, 'latin1');
  it('waits for the whole head and the whole body', () => {
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-le'), false)).toBeUndefined();
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nab'), false)).toBeUndefined();
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde'), false)).toMatchObject({ status: 200, body: bytes('abcde') });
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n'), false)).toBeUndefined();
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n'), false)).toMatchObject({ body: bytes('abcde') });
  });
  it('takes a body without a length to the close, and none from a 204', () => {
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\n\r\nall of it'), false)).toBeUndefined();
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\n\r\nall of it'), true)).toMatchObject({ body: bytes('all of it') });
    expect(readAnswer(bytes('HTTP/1.1 204 No Content\r\ncontent-length: 9\r\n\r\n'), false)).toMatchObject({ status: 204, body: Buffer.alloc(0) });
  });
  it('fails on what is not an HTTP answer, a bad length, or a close inside the body', () => {
    expect(readAnswer(bytes('SSH-2.0-OpenSSH\r\n\r\n'), false)).toBeInstanceOf(PostError);
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n'), false)).toBeInstanceOf(PostError);
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nab'), true)).toMatchObject({ cutOff: true });
    expect(readAnswer(bytes('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nab'), true)).toBeInstanceOf(PostError);
  });
});
