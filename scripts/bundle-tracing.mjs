// Run by `npm run build` after tsc: bundle a worker's tracing (dist/adapters/<name>/tracing.js)
// with the OpenTelemetry SDK packages it imports into one file,
// dist/adapters/<name>/tracing.bundle.js, which the worker loads instead
// (adapters/reference/load-tracing.ts, adapters/restate/endpoint.ts; decision 0115).
//
// Why: a traced worker spent ~135 ms of CPU importing the SDK from its ~200 files (the
// resolution of every import, a file read each), about as much as the rest of its
// start; one file of the same code costs ~30 ms. 97 of 100 generated explore cases
// judge traces, each with two worker starts or more; a traced Restate worker took ~420
// ms of CPU to ready against ~200 untraced. Same code, same versions as
// package-lock.json: only where it is read from changes.
import { build } from 'rolldown';
import { join, resolve } from 'node:path';

const adapters = join(resolve(import.meta.dirname, '..'), 'dist', 'adapters');
const workers = [
  // The exporter POSTs with agentcheck/kit (decision 0123): the worker's own copy of kit,
  // already loaded, not a second one inside the bundle.
  { name: 'reference', external: [/\/harness\/kit\.js$/] },
  // Restate's OpenTelemetry hook imports the SDK's `internal`: the worker's own copy of the
  // SDK, not a second one inside the bundle.
  { name: 'restate', external: [/^@restatedev\/restate-sdk$/] },
];
for (const { name, external } of workers) {
  const dir = join(adapters, name);
  await build({
    input: join(dir, 'tracing.js'),
    platform: 'node',
    // Node's own modules stay imports. Every import keeps its side effects, as when the
    // packages are imported one by one.
    external: [/^node:/, ...external],
    treeshake: { moduleSideEffects: () => true },
    output: { file: join(dir, 'tracing.bundle.js'), format: 'esm', codeSplitting: false },
    logLevel: 'warn',
  });
}
