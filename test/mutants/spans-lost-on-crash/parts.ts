import type { WorkerParts } from '../../../adapters/reference/parts.js';

// Spans go out in batches on a timer (the SDK's BatchSpanProcessor, as most setups use)
// and nothing flushes them before the worker acts: a SIGKILL loses every span still queued.
export const parts: Partial<WorkerParts> = { spanExport: 'in-batches' };
