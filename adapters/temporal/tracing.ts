// The Temporal worker's OpenTelemetry tracing, as Temporal's docs and its
// interceptors-opentelemetry sample set it up: the workflow interceptors (in the
// workflow bundle, see suite.ts) trace the workflow and each activity it schedules,
// and hand the spans out through the `exporter` sink; the activity interceptor gives
// each activity attempt a span whose parent came in the activity's headers. A replayed
// workflow regenerates the same ids (the sandbox's Math.random is seeded per run), so a
// run resumed by another worker after a crash stays one trace.
//
// @temporalio/interceptors-opentelemetry 1.24 is built on the OpenTelemetry JS SDK 1.x
// (the project's other tracing uses 2.x): its workflow sink builds 1.x spans, which only
// a 1.x exporter reads. So this worker, and only it, uses the 1.x line under npm
// aliases (`otel1-*`; decision 0061).
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';
import { OTLPTraceExporter } from 'otel1-exporter-trace-otlp-proto';
import { detectResourcesSync, envDetectorSync, Resource } from 'otel1-resources';
import { NodeTracerProvider, SimpleSpanProcessor } from 'otel1-sdk-trace-node';
// The exporter loads node:http on its first export; loaded now, before the worker is ready.
import 'node:http';

/** The worker options that turn tracing on: the activity interceptors and the workflow spans' sink. */
export function tracingOptions(): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const resource = Resource.default().merge(detectResourcesSync({ detectors: [envDetectorSync] }));
  // Simple, not batched: each span is sent as it ends, so a worker SIGKILLed later has
  // not kept the spans of the calls it already went on from (a batch waits up to 5 s).
  const processor = new SimpleSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource });
  provider.addSpanProcessor(processor);
  provider.register();
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(processor, resource) },
  };
}
