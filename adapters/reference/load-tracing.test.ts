import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledPath } from '../../harness/paths.js';
import { TRACING_BUNDLE } from './load-tracing.js';

// The bundle `npm run build` makes (scripts/bundle-tracing.mjs, decision 0115): the
// worker loads it instead of tracing.js, so it must be whole and keep what tracing.js
// loads for its side effects.
describe('the reference worker\'s tracing bundle', () => {
  const file = compiledPath(`adapters/reference/${TRACING_BUNDLE.replace('./', '')}`);
  const source = readFileSync(file, 'utf8');
  const imports = [...source.matchAll(/^import\s+(?:[^'"]*\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]);

  it('imports no package: the OpenTelemetry SDK is inside it, Node\'s own modules and the worker\'s kit outside', () => {
    expect(imports.filter((s) => s.startsWith('@opentelemetry/'))).toEqual([]);
    expect(source).toMatch(/\bProtobufTraceSerializer = \{/);
    expect(source).toMatch(/\bNodeTracerProvider = class\b/);
    expect(imports).toContain('../../harness/kit.js');
  });

  it('loads neither node:http nor fetch (each costs a worker ~40 ms of CPU, decision 0123)', () => {
    expect(imports.filter((s) => /^node:(http|https|http2)$/.test(s))).toEqual([]);
    expect(source).not.toMatch(/require\(["'](node:)?https?["']\)|\bfetch\(/);
  });

  it('exports startTracing, which traces nothing without a collector', async () => {
    const bundle = (await import(pathToFileURL(file).href)) as typeof import('./tracing.js');
    expect(typeof bundle.startTracing).toBe('function');
    const saved = { a: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, b: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT };
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    try {
      expect(bundle.startTracing({ spanExport: 'each-span', runTrace: { storedTrace: () => undefined, storeTrace: () => undefined } } as never)).toBeUndefined();
    } finally {
      if (saved.a !== undefined) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved.a;
      if (saved.b !== undefined) process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = saved.b;
    }
  });
});
