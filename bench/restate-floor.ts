import { scriptBeside } from '../harness/kit.js';
import { WORKER_COMPILE_CACHE } from '../harness/case/workers.js';
import { medianOf, timeToFirstLine } from './node-floor.js';

/**
 * Restate's own floor for a worker start, without agentcheck: a fresh SDK endpoint
 * process (bench/restate-floor-worker.ts) from spawn to listening (median of `times`,
 * ms), with Node's compile cache as the adapter's workers have it. The other half of
 * Restate's floor in issue 20 (a resumed invocation's next step) needs the server and
 * is not measured here.
 */
export function restateEndpointFloor(times: number): Promise<number> {
  const script = scriptBeside(import.meta.url, 'restate-floor-worker.js');
  return medianOf(times, () => timeToFirstLine([script], { ...process.env, NODE_COMPILE_CACHE: WORKER_COMPILE_CACHE }));
}
