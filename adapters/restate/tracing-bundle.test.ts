import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledPath } from '../../harness/paths.js';
import { TRACING_BUNDLE } from './endpoint.js';

// The bundle `npm run build` makes of the Restate worker's tracing (scripts/bundle-tracing.mjs,
// decision 0115): the traced endpoint loads it instead of tracing.js, so it must be whole,
// keep what tracing.js loads for its side effects, and share the worker's Restate SDK.
describe('the Restate worker\'s tracing bundle', () => {
  const file = compiledPath(`adapters/restate/${TRACING_BUNDLE.replace('./', '')}`);
  const source = readFileSync(file, 'utf8');
  const imports = [...source.matchAll(/^import\s+(?:[^'"]*\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]);

  it('has the OpenTelemetry SDK and Restate\'s hook inside it', () => {
    expect(imports.filter((s) => s!.startsWith('@opentelemetry/') || s === '@restatedev/restate-sdk-opentelemetry')).toEqual([]);
    expect(source).toMatch(/\bOTLPTraceExporter = class\b/);
    expect(source).toMatch(/\bNodeTracerProvider = class\b/);
    expect(source).toMatch(/\bfunction openTelemetryHook\b/);
  });

  it('imports the Restate SDK the endpoint uses, not a copy of its own (the hook reads its `internal`)', () => {
    expect(imports).toContain('@restatedev/restate-sdk');
  });

  it('still loads node:http before the endpoint is ready (tracing.ts imports it for that alone)', () => {
    expect(imports).toContain('node:http');
  });

  it('exports tracingHook, which returns a hooks provider for the service', async () => {
    const bundle = (await import(pathToFileURL(file).href)) as typeof import('./tracing.js');
    expect(typeof bundle.tracingHook()).toBe('function');
  });
});
