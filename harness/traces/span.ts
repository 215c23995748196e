// One span as the harness keeps it (spans.jsonl beside effects.jsonl): the OTLP span
// flattened, ids in hex, times in ms, attribute values as plain JSON values.

export type AttributeValue = string | number | boolean | readonly (string | number | boolean)[];

export interface StoredSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  endMs: number;
  /** OTLP status code: ERROR marks an attempt that failed. */
  status: 'unset' | 'ok' | 'error';
  attributes: Record<string, AttributeValue>;
  /** The resource the exporting process declared (service.name, its OTEL_RESOURCE_ATTRIBUTES). */
  resource: Record<string, AttributeValue>;
  /** Links to spans of other traces: a resumed run may link its new trace to the old one. */
  links: { traceId: string; spanId: string }[];
}

/** The attribute names agentcheck's own interpreters put on the span of an effect attempt. */
export const SPAN_ATTRIBUTES = {
  runId: 'agentcheck.run.id',
  stepId: 'agentcheck.step.id',
  caseId: 'agentcheck.case.id',
} as const;

/** W3C trace context a request carried (the `traceparent` header): which span made it. */
export interface TraceParent {
  traceId: string;
  spanId: string;
}

/** Parses `00-<32 hex>-<16 hex>-<2 hex>`; anything else is no trace context. */
export function parseTraceParent(header: string | undefined): TraceParent | undefined {
  const m = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(header?.trim().toLowerCase() ?? '');
  if (!m || /^0+$/.test(m[1]) || /^0+$/.test(m[2])) return undefined;
  return { traceId: m[1], spanId: m[2] };
}
