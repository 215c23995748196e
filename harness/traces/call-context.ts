// What an application traced by its runtime's OpenTelemetry integration does around an
// outgoing call: it names the run and step on the active span (the runtime's span of
// the attempt) and sends that span's context with the request, as an instrumented HTTP
// client would. Without a registered SDK both do nothing: no span, empty headers.
import { context, propagation, trace } from '@opentelemetry/api';
import { SPAN_ATTRIBUTES } from './span.js';

/** The headers (`traceparent`) to send with a call of this run's step, after naming them on the active span. */
export function traceHeaders(call: { runId: string; childRun?: string; stepId: string }): Record<string, string> {
  // A child run's call names the child: the run that made it.
  trace.getActiveSpan()?.setAttributes({ [SPAN_ATTRIBUTES.runId]: call.childRun ?? call.runId, [SPAN_ATTRIBUTES.stepId]: call.stepId });
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
