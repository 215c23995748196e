import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptBeside } from '../harness/kit.js';
import { WORKER_COMPILE_CACHE } from '../harness/case/workers.js';
import { openSuite } from '../adapters/temporal/suite.js';

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
  const took: number[] = [];
  try {
    for (let i = 0; i < times; i++) took.push(await startOnce(suite.address, suite.namespace, `floor-${suite.nonce}-${i}`, suite.bundle!));
  } finally {
    await suite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return took.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

function startOnce(address: string, namespace: string, taskQueue: string, bundle: string): Promise<number> {
  const t0 = performance.now();
  const p = spawn(process.execPath, [scriptBeside(import.meta.url, 'temporal-floor-worker.js'), address, namespace, taskQueue, bundle], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_COMPILE_CACHE: WORKER_COMPILE_CACHE },
  });
  return new Promise<number>((resolve, reject) => {
    p.stdout.once('data', () => {
      const ms = performance.now() - t0;
      p.kill('SIGKILL');
      resolve(ms);
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => { if (signal !== 'SIGKILL') reject(new Error(`the floor worker exited (${code ?? signal}) before polling`)); });
  }).finally(() => { if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL'); });
}
