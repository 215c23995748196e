import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTraceReceiver, type TraceReceiver } from './receiver.js';

let receiver: TraceReceiver | undefined;
let dir: string | undefined;
afterEach(async () => {
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start() {
  dir = mkdtempSync(join(tmpdir(), 'agentcheck-otlp-'));
  receiver = await startTraceReceiver({ file: join(dir, 'spans.jsonl') });
  return receiver;
}

describe('the OTLP/HTTP trace receiver', () => {
  it('takes protobuf from the official OTLP exporter and keeps every span in spans.jsonl', async () => {
    const r = await start();
    expect(r.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'worker', 'agentcheck.case.id': 'c1' }),
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${r.endpoint}/v1/traces` }))],
    });
    const tracer = provider.getTracer('test');
    const first = tracer.startSpan('first');
    first.end();
    const linked = tracer.startSpan('effect charge', { attributes: { 'agentcheck.step.id': 'charge', tries: 2 }, links: [{ context: first.spanContext() }] });
    linked.setStatus({ code: 2 });
    linked.end();
    await provider.forceFlush();
    await provider.shutdown();
    expect(r.spans.map((s) => s.name)).toEqual(['first', 'effect charge']);
    const s = r.spans[1];
    expect(s.spanId).toBe(linked.spanContext().spanId);
    expect(s.traceId).toBe(linked.spanContext().traceId);
    expect(s.attributes).toEqual({ 'agentcheck.step.id': 'charge', tries: 2 });
    expect(s.resource['agentcheck.case.id']).toBe('c1');
    expect(s.status).toBe('error');
    expect(s.links).toEqual([{ traceId: first.spanContext().traceId, spanId: first.spanContext().spanId }]);
    expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    expect(s.startMs).toBeGreaterThan(Date.parse('2020-01-01'));
    const kept = readFileSync(join(dir!, 'spans.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { spanId: string });
    expect(kept.map((k) => k.spanId)).toEqual(r.spans.map((x) => x.spanId));
  });

  it('takes the OTLP JSON mapping (hex ids, nanosecond strings)', async () => {
    const r = await start();
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'w' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '5B8EFFF798038103D269B633813FC60C',
                  spanId: 'EEE19B7EC3C1B174',
                  parentSpanId: 'EEE19B7EC3C1B173',
                  name: 'effect refund',
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712661000000000',
                  attributes: [{ key: 'agentcheck.run.id', value: { stringValue: 'r1' } }, { key: 'n', value: { intValue: '3' } }],
                  status: { code: 1 },
                },
              ],
            },
          ],
        },
      ],
    };
    const res = await fetch(`${r.endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    expect(r.spans).toEqual([
      {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        parentSpanId: 'eee19b7ec3c1b173',
        name: 'effect refund',
        startMs: 1544712660000,
        endMs: 1544712661000,
        status: 'ok',
        attributes: { 'agentcheck.run.id': 'r1', n: 3 },
        resource: { 'service.name': 'w' },
        links: [],
      },
    ]);
  });

  it('refuses what is not OTLP with one clear line, and keeps nothing of it', async () => {
    const r = await start();
    const bad = await fetch(`${r.endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x"}]}]}]}' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('span "x" has no traceId or spanId');
    const other = await fetch(`${r.endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(other.status).toBe(415);
    const garbage = await fetch(`${r.endpoint}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: new Uint8Array([0xff, 0xff, 0xff]) });
    expect(garbage.status).toBe(400);
    expect(r.spans).toEqual([]);
  });

  it('gives workers the standard OpenTelemetry environment', async () => {
    const r = await start();
    const env = r.env({ 'agentcheck.case.id': 'crash/after charge' }, 'reference-worker');
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(r.endpoint);
    expect(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT).toBe(`${r.endpoint}/v1/traces`);
    expect(env.OTEL_SERVICE_NAME).toBe('reference-worker');
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toBe('agentcheck.case.id=crash%2Fafter%20charge');
  });
});
