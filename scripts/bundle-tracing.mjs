// Run by `npm run build` after tsc: bundle the reference worker's tracing
// (dist/adapters/reference/tracing.js) with the OpenTelemetry SDK packages it imports
// into one file, dist/adapters/reference/tracing.bundle.js, which the worker loads
// instead (adapters/reference/load-tracing.ts, decision 0115).
//
// Why: a traced worker spent ~135 ms of CPU importing the SDK from its ~200 files (the
// resolution of every import, a file read each), about as much as the rest of its
// start; one file of the same code costs ~30 ms. 97 of 100 generated explore cases
// judge traces, each with two worker starts or more. Same code, same versions as
// package-lock.json: only where it is read from changes.
import { build } from 'rolldown';
import { join, resolve } from 'node:path';

const dir = join(resolve(import.meta.dirname, '..'), 'dist', 'adapters', 'reference');
await build({
  input: join(dir, 'tracing.js'),
  platform: 'node',
  // Node's own modules stay imports. Every import keeps its side effects: tracing.ts loads
  // node:http before the worker is ready (docs/traces.md), which a bundler would drop.
  external: [/^node:/],
  treeshake: { moduleSideEffects: () => true },
  output: { file: join(dir, 'tracing.bundle.js'), format: 'esm', codeSplitting: false },
  logLevel: 'warn',
});
