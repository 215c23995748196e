import { createRequire } from 'node:module';
import type { AttributeValue, StoredSpan } from './span.js';

// OTLP/HTTP bodies to spans. Protobuf is decoded by the protobufjs root generated from
// the official opentelemetry-proto definitions that @opentelemetry/otlp-transformer
// ships (pinned to 0.216, the last version whose generated root still holds the trace service: decision 0046); JSON is the
// same message in OTLP's JSON mapping (hex ids, lowerCamelCase names).

interface OtlpRoot {
  opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: ProtoType } } } } };
}
interface ProtoType {
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, opts: { longs: StringConstructor; bytes: StringConstructor; enums: NumberConstructor; defaults: boolean }): unknown;
}

let requestType: ProtoType | undefined;
/**
 * Requiring the 700 KB generated module blocks the event loop for 100 ms or more. Done
 * in the middle of a case it stalled the ledger that shares this process (a call timed
 * out, seen on a loaded machine); done when the CLI loads it slowed every command's
 * start. So the first trace receiver loads it, as the first cases open, before any
 * worker runs (startTraceReceiver).
 */
export function loadOtlpDecoder(): ProtoType {
  requestType ??= (createRequire(import.meta.url)('@opentelemetry/otlp-transformer/build/src/generated/root') as OtlpRoot).opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
  return requestType;
}

interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: OtlpKeyValue[];
  links?: { traceId?: string; spanId?: string }[];
  status?: { code?: number | string };
}
interface OtlpRequest {
  resourceSpans?: { resource?: { attributes?: OtlpKeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

export class OtlpDecodeError extends Error {}

export function decodeProtobuf(body: Uint8Array): StoredSpan[] {
  const type = loadOtlpDecoder();
  let message: unknown;
  try {
    message = type.decode(body);
  } catch (err) {
    throw new OtlpDecodeError(`not an OTLP ExportTraceServiceRequest: ${(err as Error).message}`);
  }
  // bytes: String gives base64; the JSON mapping and our records use hex.
  return flatten(type.toObject(message, { longs: String, bytes: String, enums: Number, defaults: false }) as OtlpRequest, base64ToHex);
}

export function decodeJson(body: string): StoredSpan[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new OtlpDecodeError(`not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new OtlpDecodeError('an OTLP ExportTraceServiceRequest is a JSON object');
  return flatten(parsed as OtlpRequest, (id) => id.toLowerCase());
}

const base64ToHex = (id: string) => Buffer.from(id, 'base64').toString('hex');
const nanosToMs = (n: string | number | undefined) => (n === undefined ? 0 : Number(BigInt(n) / 1_000_000n));

function valueOf(v: OtlpAnyValue | undefined): AttributeValue | undefined {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(valueOf).filter((x): x is string | number | boolean => x !== undefined && !Array.isArray(x));
  return undefined;
}

function attributes(list: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const kv of list ?? []) {
    const v = valueOf(kv.value);
    if (v !== undefined) out[kv.key] = v;
  }
  return out;
}

const STATUS = ['unset', 'ok', 'error'] as const;

function flatten(req: OtlpRequest, id: (raw: string) => string): StoredSpan[] {
  const spans: StoredSpan[] = [];
  for (const rs of req.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        if (!s.traceId || !s.spanId) throw new OtlpDecodeError(`span "${s.name ?? ''}" has no traceId or spanId`);
        const parent = s.parentSpanId ? id(s.parentSpanId) : '';
        const code = typeof s.status?.code === 'string' ? ({ STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 } as Record<string, number>)[s.status.code] ?? 0 : s.status?.code ?? 0;
        spans.push({
          traceId: id(s.traceId),
          spanId: id(s.spanId),
          ...(parent ? { parentSpanId: parent } : {}),
          name: s.name ?? '',
          startMs: nanosToMs(s.startTimeUnixNano),
          endMs: nanosToMs(s.endTimeUnixNano),
          status: STATUS[code] ?? 'unset',
          attributes: attributes(s.attributes),
          resource,
          links: (s.links ?? []).filter((l) => l.traceId && l.spanId).map((l) => ({ traceId: id(l.traceId!), spanId: id(l.spanId!) })),
        });
      }
    }
  }
  return spans;
}
