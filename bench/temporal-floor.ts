import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptBeside } from '../harness/kit.js';
import { WORKER_COMPILE_CACHE } from '../harness/case/workers.js';
import { openSuite } from '../adapters/temporal/suite.js';
import { medianOf, timeToFirstLine } from './node-floor.js';

/**
 * Temporal's own floor for a worker start, without agentcheck: a fresh TypeScript worker
 * process (bench/temporal-floor-worker.ts) from spawn to its first poll, against the
 * real dev server and the same prebuilt workflow bundle the adapter's workers load
 * (median of `times`, ms). With Node's compile cache, as the adapter's workers have it:
 * an application can start its workers that way too. The server is started and
 * stopped here; nothing is left running.
 */
export async function temporalWorkerFloor(times: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-temporal-floor-'));
  const suite = await openSuite(dir);
  try {
    const script = scriptBeside(import.meta.url, 'temporal-floor-worker.js');
    const env = { ...process.env, NODE_COMPILE_CACHE: WORKER_COMPILE_CACHE };
    return await medianOf(times, (i) => timeToFirstLine([script, suite.address, suite.namespace, `floor-${suite.nonce}-${i}`, suite.bundle!], env));
  } finally {
    await suite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
