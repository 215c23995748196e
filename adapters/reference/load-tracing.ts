// Where the reference worker loads its tracing from: one file `npm run build` makes of
// tracing.ts and the OpenTelemetry packages it imports (scripts/bundle-tracing.mjs).
// Importing the packages one by one cost a traced worker ~135 ms of CPU, the bundle ~30
// (decision 0115); it is the same code, read from one file.
import type * as Tracing from './tracing.js';

export const TRACING_BUNDLE = './tracing.bundle.js';

export function loadTracing(): Promise<typeof Tracing> {
  return import(new URL(TRACING_BUNDLE, import.meta.url).href) as Promise<typeof Tracing>;
}
