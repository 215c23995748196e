// The reference worker's span exporter: OTLP/HTTP protobuf, the bytes made by the
// OpenTelemetry SDK's own serializer (@opentelemetry/otlp-transformer), POSTed with
// agentcheck/kit's postOverSocket instead of the SDK's node:http transport. Loading
// node:http cost every traced worker ~40 ms of CPU at start, half of it (decision 0123);
// the collector is the case's receiver on 127.0.0.1, which needs no more of HTTP.
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { postOverSocket } from '../../harness/kit.js';

/** The OTLP exporter's default timeout for one export. */
const EXPORT_TIMEOUT_MS = 10_000;

/** Where OTEL_* sends traces: the signal's own endpoint, or the base one's /v1/traces. */
export function tracesEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (own) return own;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!base) throw new Error('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT must be set to export traces');
  return `${base.replace(/\/$/, '')}/v1/traces`;
}

export class OtlpOverSocketExporter implements SpanExporter {
  private readonly url: string;
  private readonly pending = new Set<Promise<void>>();
  constructor(url = tracesEndpoint()) {
    this.url = url;
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const body = ProtobufTraceSerializer.serializeRequest(spans);
    if (!body) return done({ code: ExportResultCode.FAILED, error: new Error('the OTLP serializer gave no bytes') });
    const sent = postOverSocket(this.url, { 'content-type': 'application/x-protobuf' }, body, EXPORT_TIMEOUT_MS).then(
      (answer) =>
        done(answer.status >= 200 && answer.status < 300 ? { code: ExportResultCode.SUCCESS } : { code: ExportResultCode.FAILED, error: new Error(`the collector answered HTTP ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`) }),
      (error: unknown) => done({ code: ExportResultCode.FAILED, error: error as Error }),
    );
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  shutdown(): Promise<void> {
    return this.forceFlush();
  }
}
