import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Adapter } from '../harness/adapter.js';
import { explore } from '../harness/explore/index.js';
import type { FaultKind } from '../harness/faults/registry.js';
import type { LaneSummary } from '../harness/explore/auto-lanes.js';

export interface ExploreFigures {
  cases: number;
  casesPerSecond: number;
  failed: number;
  unknown: number;
  /** The harness's resident memory, sampled every 250 ms: its peak and its value at the end (MiB). */
  peakRssMiB: number;
  endRssMiB: number;
  outDir: string;
  /** With concurrency 'auto': the lanes it chose. */
  lanes?: LaneSummary;
}

const mib = () => process.memoryUsage().rss / 2 ** 20;
const heap = () => {
  const m = process.memoryUsage();
  const at = (n: number) => (n / 2 ** 20).toFixed(0);
  // Under `node --expose-gc`: what is still held after a full collection, the figure that shows a leak.
  const gc = (globalThis as { gc?: () => void }).gc;
  const held = gc ? (gc(), `, held after a full GC ${at(process.memoryUsage().heapUsed)}`) : '';
  return `heap ${at(m.heapUsed)} MiB in use of V8's ${at(m.heapTotal)}, outside it ${at(m.external)}${held}`;
};

/** Explore `runs` generated cases as `agentcheck explore` does, watching the harness's memory. */
export async function exploreFigures(adapter: Adapter, o: { runs: number; seed: number; concurrency: number | 'auto'; faultKinds?: FaultKind[] }): Promise<ExploreFigures> {
  const outDir = mkdtempSync(join(tmpdir(), 'agentcheck-bench-explore-'));
  let peak = mib();
  const sampler = setInterval(() => (peak = Math.max(peak, mib())), 250);
  try {
    // No shrinking: a failure here is itself the finding (a false alarm on the reference).
    let done = 0;
    // A line every 100 cases: memory that grows with the cases shows before the run ends;
    // the heap in use against V8's heap tells what is held from what V8 keeps in reserve.
    const onCaseEnd = () => void (++done % 100 === 0 && console.log(`  ${done} cases: harness RSS ${mib().toFixed(0)} MiB (peak ${peak.toFixed(0)}); ${heap()}`));
    const r = await explore({ adapter, runs: o.runs, seed: o.seed, concurrency: o.concurrency, outDir, shrinkTimeMs: 0, onCaseEnd, ...(o.faultKinds ? { faultKinds: o.faultKinds } : {}) });
    return { cases: r.cases.total, casesPerSecond: r.casesPerSecond, failed: r.cases.failed, unknown: r.cases.unknown, peakRssMiB: Math.max(peak, mib()), endRssMiB: mib(), outDir, ...(r.lanes ? { lanes: r.lanes } : {}) };
  } finally {
    clearInterval(sampler);
  }
}
