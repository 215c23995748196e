import { describe, expect, it } from 'vitest';
import { tracingMismatch } from './tracing-fit.js';

describe('tracingMismatch', () => {
  it('lets the project\'s own SDK trace: its interceptors are the same release', () => {
    expect(tracingMismatch()).toBeUndefined();
    expect(tracingMismatch('1.24.0', '1.24.0')).toBeUndefined();
  });

  it('names both versions when a pinned SDK does not fit the interceptors', () => {
    expect(tracingMismatch('1.11.1', '1.24.0')).toBe(
      "@temporalio/interceptors-opentelemetry 1.24.0 does not fit the pinned SDK 1.11.1 (Temporal's packages work at one version), so the worker is not traced",
    );
  });
});
