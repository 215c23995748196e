import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeJson, decodeProtobuf, loadOtlpDecoder, OtlpDecodeError } from './decode.js';
import type { StoredSpan } from './span.js';

/**
 * A case's OTLP/HTTP trace receiver on 127.0.0.1: the collector the workers export
 * to (POST /v1/traces, protobuf or JSON, gzip or not). Every span is appended to the
 * case's spans.jsonl as it arrives, so an interrupted run keeps what it received.
 */
export interface TraceReceiver {
  /** The base address, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  readonly endpoint: string;
  readonly spans: readonly StoredSpan[];
  /** The environment that points an OpenTelemetry SDK at this receiver. */
  env(resource: Record<string, string>, serviceName: string): Record<string, string>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });

// OTEL_RESOURCE_ATTRIBUTES is key=value pairs split on commas, values percent-encoded.
const resourceAttributes = (attrs: Record<string, string>) =>
  Object.entries(attrs)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join(',');

export async function startTraceReceiver(opts: { file: string }): Promise<TraceReceiver> {
  loadOtlpDecoder();
  const spans: StoredSpan[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    let body = await readBody(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    try {
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const got = type === 'application/x-protobuf' ? decodeProtobuf(body) : type === 'application/json' ? decodeJson(body.toString('utf8')) : undefined;
      if (!got) {
        res.writeHead(415, { 'content-type': 'text/plain' }).end('OTLP/HTTP takes application/x-protobuf or application/json');
        return;
      }
      spans.push(...got);
      if (got.length) appendFileSync(opts.file, got.map((s) => JSON.stringify(s) + '\n').join(''));
    } catch (err) {
      const message = err instanceof OtlpDecodeError ? err.message : `bad body: ${(err as Error).message}`;
      res.writeHead(400, { 'content-type': 'text/plain' }).end(message);
      return;
    }
    // An empty ExportTraceServiceResponse: nothing rejected.
    if (type === 'application/json') res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    spans,
    env: (resource, serviceName) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`,
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      OTEL_SERVICE_NAME: serviceName,
      OTEL_RESOURCE_ATTRIBUTES: resourceAttributes(resource),
      OTEL_TRACES_EXPORTER: 'otlp',
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
