// The reference runtime's worker process: `worker.js <journal> [parts-module]`. The
// parts module (a test fixture's, never a user's switch) replaces some of the
// correct parts; without it this is the correct runtime. It may start as a warm spare
// (docs/protocol.md): its code and node:sqlite are loaded before it is handed its case,
// and its args come with the case. It calls the ledger without node:http (decision 0123).
import { pathToFileURL } from 'node:url';
import { spareHints, waitForCase } from '../../harness/kit.js';
import { correctParts, type WorkerParts } from './parts.js';
import { loadTracing } from './load-tracing.js';
import { runWorker } from './runtime.js';

const { spare, traces } = spareHints();
// Modules only: tracing starts after the hand-over, and only if the case gives OTEL_*.
if (spare && traces) await loadTracing();
const [file = 'runtime.db', partsModule] = await waitForCase();
const swapped = partsModule ? ((await import(pathToFileURL(partsModule).href)) as { parts: Partial<WorkerParts> }).parts : {};
await runWorker(file, { ...correctParts, ...swapped });
