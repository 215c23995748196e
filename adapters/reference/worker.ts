// The reference runtime's worker process: `worker.js <journal> [parts-module]`. The
// parts module (a test fixture's, never a user's switch) replaces some of the
// correct parts; without it this is the correct runtime. It may start as a warm spare
// (docs/protocol.md): its code, node:sqlite and Node's HTTP client are loaded before
// it is handed its case, and its args come with the case.
import { pathToFileURL } from 'node:url';
import { spareHints, waitForCase } from '../../harness/kit.js';
import { correctParts, type WorkerParts } from './parts.js';
import { loadTracing } from './load-tracing.js';
import { runWorker } from './runtime.js';

const { spare, traces } = spareHints();
if (spare) {
  // Modules only: tracing starts after the hand-over, and only if the case gives OTEL_*.
  if (traces) await loadTracing();
  // Node loads its HTTP client on the first fetch(): a refused local connection loads it now.
  await fetch('http://127.0.0.1:9/', { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
}
const [file = 'runtime.db', partsModule] = await waitForCase();
const swapped = partsModule ? ((await import(pathToFileURL(partsModule).href)) as { parts: Partial<WorkerParts> }).parts : {};
await runWorker(file, { ...correctParts, ...swapped }, { httpClientLoaded: spare });
