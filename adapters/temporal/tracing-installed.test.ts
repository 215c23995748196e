import { describe, expect, it } from 'vitest';
import { missingTracingPackages, tracingLack, TRACING_PACKAGES } from './tracing-installed.js';

describe("the Temporal worker's tracing packages", () => {
  it('are all installed in this project (its dev dependencies), so traces are judged here', () => {
    expect(missingTracingPackages()).toEqual([]);
    expect(tracingLack()).toBeUndefined();
  });

  it('when one is missing, name it and the npm install line that brings it, alias and real package', () => {
    const missing = missingTracingPackages((id) => {
      if (id === 'otel1-resources') throw new Error(`Cannot find module '${id}'`);
      return id;
    });
    expect(missing).toEqual(['otel1-resources']);
    expect(tracingLack(missing)).toBe("the worker's tracing packages are not installed (otel1-resources): npm install 'otel1-resources@npm:@opentelemetry/resources@^1.30.1'");
    expect(Object.keys(TRACING_PACKAGES)).toContain('@temporalio/interceptors-opentelemetry');
  });
});
