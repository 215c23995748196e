// The Restate endpoint's OpenTelemetry tracing, as Restate's TypeScript docs set it up:
// the SDK's `openTelemetryHook` (@restatedev/restate-sdk-opentelemetry) on the service,
// which continues the trace restate-server sends in each attempt's headers with a span
// per attempt and one per ctx.run closure that really runs, over an OpenTelemetry Node
// SDK the process registers itself (the OTLP exporter configured by OTEL_*).
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector } from '@opentelemetry/resources';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { openTelemetryHook } from '@restatedev/restate-sdk-opentelemetry';
import type { HooksProvider } from '@restatedev/restate-sdk';
// The exporter loads node:http on its first export; loaded now, before the endpoint is ready.
import 'node:http';

/** Register the SDK and return the hook for the service's options. */
export function tracingHook(): HooksProvider {
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(detectResources({ detectors: [envDetector] })),
    // Simple, not batched: each span is sent as it ends, so a SIGKILL later does not lose
    // the spans of calls the endpoint already went on from.
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return openTelemetryHook({ tracer: trace.getTracer('agentcheck-restate') });
}
