// npm run bench [-- --adapter NAME] [-- --concurrency N] [-- --rounds N]
// Runs the built-in suite and prints cases per second, wall time, and where each
// case's time goes: worker start (spawn to ready), the run itself (start to result),
// and the harness's own overhead (everything else: ledger, setup, settle, teardown).
import { readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAdapter } from '../harness/load-adapter.js';
import { runSuite } from '../harness/run-suite.js';
import { selectScenarios } from '../harness/scenario/discover.js';
import type { HistoryEvent } from '../harness/history.js';

const { values, positionals } = parseArgs({
  options: { adapter: { type: 'string', default: 'reference' }, concurrency: { type: 'string', default: '2' }, rounds: { type: 'string', default: '1' } },
  allowPositionals: true,
});
const adapter = await loadAdapter(values.adapter!);
const scenarios = await selectScenarios(positionals);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const ms = (n: number) => `${n.toFixed(0)} ms`;

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`adapter: ${adapter.name}; ${scenarios.length} scenarios; concurrency ${values.concurrency}; ${values.rounds} round(s)\n`);

for (let round = 1; round <= Number(values.rounds); round++) {
  const out = mkdtempSync(join(tmpdir(), 'agentcheck-bench-'));
  const t0 = performance.now();
  const report = await runSuite({
    adapter,
    adapterArg: values.adapter!,
    scenarios,
    sourceOf: (s) => s.id,
    seed: round,
    outDir: out,
    timeoutMs: 10_000,
    concurrency: Number(values.concurrency),
  });
  const wall = performance.now() - t0;
  const ran = report.cases.filter((c) => c.verdict !== 'skipped');
  const starts: number[] = [];
  const runs: number[] = [];
  const overheads: number[] = [];
  for (const c of ran) {
    const events = readFileSync(join(c.dir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as HistoryEvent);
    const spawned = events.filter((e) => e.type === 'worker' && e.event === 'spawned');
    const ready = events.filter((e) => e.type === 'worker' && e.event === 'ready');
    const workerStart = ready.reduce((sum, r, i) => sum + (r.at - (spawned[i]?.at ?? r.at)), 0);
    const startOp = events.find((e) => e.type === 'op' && e.op === 'start-run' && e.phase === 'invoke');
    const result = events.find((e) => e.type === 'op' && e.op === 'await-result' && e.phase !== 'invoke');
    const run = startOp && result ? result.at - startOp.at : 0;
    starts.push(workerStart / Math.max(1, ready.length));
    runs.push(run);
    overheads.push(c.metrics!.durationMs - run - workerStart);
  }
  const recovery = ran.flatMap((c) => c.metrics?.recoveryMs ?? []);
  console.log(`round ${round}: ${ran.length} cases (${report.cases.length - ran.length} skipped) in ${(wall / 1000).toFixed(2)} s wall = ${(ran.length / (wall / 1000)).toFixed(2)} cases/s; score ${report.scorecard.score} ${report.scorecard.level}`);
  console.log(`  per case (mean): ${ms(mean(ran.map((c) => c.metrics!.durationMs)))} total = worker start ${ms(mean(starts))} each + run ${ms(mean(runs))} + harness overhead ${ms(mean(overheads))}`);
  console.log(`  recovery after a worker restart (ready to next request): mean ${ms(mean(recovery))}, max ${ms(Math.max(0, ...recovery))} over ${recovery.length} restarts`);
  console.log(`  harness peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
