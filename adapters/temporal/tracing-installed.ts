import { createRequire } from 'node:module';

// Tracing a Temporal worker needs packages a user of Temporal without tracing does not
// install: Temporal's OpenTelemetry interceptors and the OpenTelemetry JS SDK 1.x they
// are built on, under npm aliases (decision 0061). They are optional peers: without
// them the adapter runs every case and says it cannot judge traces, rather than fail
// to bundle its workflow.

/** The packages, with what `npm install` needs for each (the aliases name their real package). */
export const TRACING_PACKAGES: Record<string, string> = {
  '@temporalio/interceptors-opentelemetry': '@temporalio/interceptors-opentelemetry@^1.24.0',
  'otel1-sdk-trace-node': 'otel1-sdk-trace-node@npm:@opentelemetry/sdk-trace-node@^1.30.1',
  'otel1-resources': 'otel1-resources@npm:@opentelemetry/resources@^1.30.1',
  'otel1-exporter-trace-otlp-proto': 'otel1-exporter-trace-otlp-proto@npm:@opentelemetry/exporter-trace-otlp-proto@^0.57.2',
};

const fromHere = createRequire(import.meta.url);

/** The tracing packages that cannot be resolved from the adapter. */
export function missingTracingPackages(resolve: (id: string) => unknown = (id) => fromHere.resolve(id)): string[] {
  return Object.keys(TRACING_PACKAGES).filter((id) => {
    try {
      resolve(id);
      return false;
    } catch {
      return true;
    }
  });
}

/** Why traces cannot be judged, with the command that fixes it; undefined when every package is there. */
export function tracingLack(missing: readonly string[] = missingTracingPackages()): string | undefined {
  if (missing.length === 0) return undefined;
  return `the worker's tracing packages are not installed (${missing.join(', ')}): npm install ${missing.map((id) => `'${TRACING_PACKAGES[id]}'`).join(' ')}`;
}
