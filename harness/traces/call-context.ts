// What an application traced by its runtime's OpenTelemetry integration does around an
// outgoing call: it names the run and step on the active span (the runtime's span of
// the attempt) and sends that span's context with the request, as an instrumented HTTP
// client would. Without a registered SDK both do nothing: no span, empty headers.
import { createRequire } from 'node:module';
import { SPAN_ATTRIBUTES } from './span.js';

type Api = typeof import('@opentelemetry/api');
let api: Api | undefined;
// Required on the first call, not when the kit is imported: every worker imports the kit,
// and a worker that never calls this (the reference's traces through the SDK itself) was
// paying ~15 ms of CPU a start for the API's ~50 files (decision 0115). Node resolves
// `import` and `require` of the package to the same CommonJS build: one instance.
const otel = (): Api => (api ??= createRequire(import.meta.url)('@opentelemetry/api') as Api);

/** The headers (`traceparent`) to send with a call of this run's step, after naming them on the active span. */
export function traceHeaders(call: { runId: string; childRun?: string; stepId: string }): Record<string, string> {
  const { context, propagation, trace } = otel();
  // A child run's call names the child: the run that made it.
  trace.getActiveSpan()?.setAttributes({ [SPAN_ATTRIBUTES.runId]: call.childRun ?? call.runId, [SPAN_ATTRIBUTES.stepId]: call.stepId });
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}
