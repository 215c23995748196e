import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import { traceHeaders } from './call-context.js';

describe('traceHeaders', () => {
  it('sends nothing and names nothing when no SDK is registered', () => {
    expect(traceHeaders({ runId: 'r1', stepId: 'charge' })).toEqual({});
  });

  it('names the run (the child run, for a child\'s call) and step on the active span, and sends its traceparent', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    try {
      const span = trace.getTracer('test').startSpan('attempt');
      const headers = context.with(trace.setSpan(context.active(), span), () => traceHeaders({ runId: 'r1', childRun: 'r1/agent', stepId: 'charge' }));
      span.end();
      const { traceId, spanId } = span.spanContext();
      expect(headers).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
      expect(exporter.getFinishedSpans()[0]!.attributes).toEqual({ 'agentcheck.run.id': 'r1/agent', 'agentcheck.step.id': 'charge' });
    } finally {
      trace.disable();
      context.disable();
      propagation.disable();
    }
  });
});
