// The reference runtime's worker process: `worker.js <journal> [parts-module]`. The
// parts module (a test fixture's, never a user's switch) replaces some of the
// correct parts; without it this is the correct runtime.
import { pathToFileURL } from 'node:url';
import { correctParts, type WorkerParts } from './parts.js';
import { runWorker } from './runtime.js';

const [file = 'runtime.db', partsModule] = process.argv.slice(2);
const swapped = partsModule ? ((await import(pathToFileURL(partsModule).href)) as { parts: Partial<WorkerParts> }).parts : {};
await runWorker(file, { ...correctParts, ...swapped });
