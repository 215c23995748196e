// The reference worker's OpenTelemetry tracing, as the Node SDK's docs set it up: a
// NodeTracerProvider exporting OTLP/HTTP protobuf, configured by the standard OTEL_*
// variables the harness gives every worker (the exporter's transport is agentcheck's
// own POST, otlp-over-socket.ts, decision 0123). One span per call to the outside
// world (a retry is its own span), under a span per execution of the run; the run's
// first execution stores its trace context in the journal, and every later one (after a
// crash) continues that trace, so a resumed run is still one trace (decision 0046).
import { context, propagation, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { defaultResource, detectResources, envDetector } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { DatabaseSync } from 'node:sqlite';
import { OtlpOverSocketExporter } from './otlp-over-socket.js';
import type { WorkerParts } from './parts.js';

const RUN = 'agentcheck.run.id';
const STEP = 'agentcheck.step.id';

export interface RunTracing {
  /** A span for one execution of a run, in the run's trace; ended when this worker is done with the run. */
  execution(db: DatabaseSync, runId: string): { context: Context; end(error?: Error): Promise<void> };
  /**
   * Wrap one call to the outside world in its own span; `call` gets the traceparent
   * header to send. A failed attempt's span is exported before the retry; a successful
   * one's is sent as it ends, and `flushed` waits for it.
   */
  attempt(parent: Context, runId: string, stepId: string, call: (headers: Record<string, string>) => Promise<string>): Promise<string>;
  /** Resolves once every span that has ended was exported: the worker waits for it after journaling a step, before the next. */
  flushed(): Promise<void>;
  /** A child run (an agent step) continues its parent's trace: its executions start under the parent's span. */
  handOver(parent: Context, db: DatabaseSync, childRunId: string): void;
}

/** Tracing as the harness asked for it through OTEL_*; a worker started without them traces nothing. */
export function startTracing(parts: Pick<WorkerParts, 'spanExport' | 'runTrace'>): RunTracing | undefined {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT && !process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  const exporter = new OtlpOverSocketExporter();
  const batched = parts.spanExport === 'in-batches';
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(detectResources({ detectors: [envDetector] })),
    // Simple exports each span as it ends; the correct worker also waits for that export
    // before it goes on to the next step, so a later crash cannot lose the span.
    spanProcessors: [batched ? new BatchSpanProcessor(exporter, { scheduledDelayMillis: 30_000 }) : new SimpleSpanProcessor(exporter)],
  });
  provider.register();
  const tracer: Tracer = trace.getTracer('agentcheck-reference');
  const flushed = () => (batched ? Promise.resolve() : provider.forceFlush().catch(() => undefined));
  /** Ends a span and waits for its export (not in batches: the mutant's batches wait for their timer). */
  const endSpan = async (span: Span, error?: unknown) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    span.end();
    await flushed();
  };
  return {
    execution(db, runId) {
      const stored = parts.runTrace.storedTrace(db, runId);
      if (!stored) {
        // The first execution: its span is the run's root, if it stores its context first.
        const root = tracer.startSpan(`run ${runId}`, { root: true, attributes: { [RUN]: runId } });
        const ctx = trace.setSpan(context.active(), root);
        const carrier: Record<string, string> = {};
        propagation.inject(ctx, carrier);
        parts.runTrace.storeTrace(db, runId, carrier.traceparent);
        // Another worker stored first (a second worker racing this one): the root stays
        // unended, so it is never exported, and this execution joins the stored trace.
        if (parts.runTrace.storedTrace(db, runId) === carrier.traceparent) return { context: ctx, end: (error) => endSpan(root, error) };
      }
      const parent = propagation.extract(context.active(), { traceparent: parts.runTrace.storedTrace(db, runId) ?? '' });
      const span = tracer.startSpan(`resume ${runId}`, { attributes: { [RUN]: runId } }, parent);
      return { context: trace.setSpan(parent, span), end: (error) => endSpan(span, error) };
    },
    async attempt(parent, runId, stepId, call) {
      const span = tracer.startSpan(`call ${stepId}`, { attributes: { [RUN]: runId, [STEP]: stepId } }, parent);
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(parent, span), headers);
      let result: string;
      try {
        result = await call(headers);
      } catch (err) {
        await endSpan(span, err);
        throw err;
      }
      // Not awaited: the step's result is journaled first, as without tracing, so the
      // export cannot widen the window between an effect and its record.
      span.end();
      return result;
    },
    flushed,
    handOver(parent, db, childRunId) {
      const carrier: Record<string, string> = {};
      propagation.inject(parent, carrier);
      // Stored once, like a run's own: a parent re-running its agent step finds the child's trace as it was.
      if (carrier.traceparent) parts.runTrace.storeTrace(db, childRunId, carrier.traceparent);
    },
  };
}
