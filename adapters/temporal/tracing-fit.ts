// Temporal's packages work together only at one version (each names the others as
// exact peers). The OpenTelemetry interceptors the project ships are built for its own
// SDK: with an older SDK pinned in their place (docs/museum.md) they fail the first
// workflow task of every worker ("performance is not defined" in the 1.11 sandbox) and
// split every run into one trace per activity, which the traces property would blame on
// the runtime. So a worker whose SDK does not match them is not traced, and says why.
import { runtimePackageVersion } from '../../harness/kit.js';

/** Why this worker cannot trace (the interceptors do not match its SDK), or undefined when it can. */
export function tracingMismatch(
  sdk = runtimePackageVersion('@temporalio/worker', import.meta.url),
  interceptors = runtimePackageVersion('@temporalio/interceptors-opentelemetry', import.meta.url),
): string | undefined {
  if (sdk === interceptors) return undefined;
  return `@temporalio/interceptors-opentelemetry ${interceptors} does not fit the pinned SDK ${sdk} (Temporal's packages work at one version), so the worker is not traced`;
}
