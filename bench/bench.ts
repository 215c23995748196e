// npm run bench [-- --adapter NAME] [-- --concurrency N] [-- --rounds N] [-- --crashes]
//               [-- --explore N] [-- --explore-concurrency N|auto] [-- --explore-only]
//               [-- --explore-seed N] [-- --explore-faults KINDS|none]
//               [scenario ids or globs]
// Runs the built-in suite and prints cases per second, wall time, and where each
// case's time goes: worker start (spawn to ready), the run itself (start to result),
// what the plan scheduled after the result, and the harness's own overhead (the rest:
// ledger, opening and closing the case, waiting for quiescence, reports). Then, with
// --explore N, explores N generated cases and prints their rate and the harness's
// memory. For Temporal and Restate it first measures the runtime's own floors without
// agentcheck: a bare worker's start, and a bare worker's restart after a SIGKILL mid-call
// (decision 0125). Every target of issue 20 is printed as a ratio measured in this same
// run; no test asserts a time (docs/performance.md).
import { restartWithSmallYoungGeneration } from '../cli/young-generation.js';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultKinds } from '../harness/explore/options.js';
import { loadAdapter } from '../harness/load-adapter.js';
import { runSuite } from '../harness/run-suite.js';
import { selectScenarios } from '../harness/scenario/discover.js';
import { judgesTraces } from '../harness/traces/judged.js';
import { casePhases } from './case-phases.js';
import { exploreFigures } from './explore-figures.js';
import { nodeStartFloor } from './node-floor.js';
import { restateEndpointFloor } from './restate-floor.js';
import { temporalWorkerFloor } from './temporal-floor.js';
import { temporalRestartFloor } from './temporal-restart-floor.js';
import { restateRestartFloor } from './restate-restart-floor.js';
import type { RestartFloor } from './floor-process.js';

// The harness measured is the one the CLI runs (bin/agentcheck.js does the same).
restartWithSmallYoungGeneration(import.meta.url);

const { values, positionals } = parseArgs({
  options: {
    adapter: { type: 'string', default: 'reference' },
    concurrency: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '1' },
    crashes: { type: 'boolean', default: false },
    explore: { type: 'string', default: '0' },
    'explore-concurrency': { type: 'string', default: 'auto' },
    'explore-only': { type: 'boolean', default: false },
    'explore-seed': { type: 'string', default: '1' },
    'explore-faults': { type: 'string' },
  },
  allowPositionals: true,
});
const adapter = await loadAdapter(values.adapter!);
const CRASH_KINDS = new Set(['crash-worker', 'second-worker', 'restart-runtime']);
const all = await selectScenarios(positionals);
// --crashes: only the cases that kill a real process (a worker or the runtime's server).
const scenarios = values.crashes ? all.filter((s) => s.faults.some((f) => CRASH_KINDS.has(f.kind))) : all;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const target = (what: string, value: string, ratio: number, met: boolean) => console.log(`  target ${what}: ${value} = ${ratio.toFixed(2)} of the limit (${met ? 'met' : 'NOT met'})`);

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`adapter: ${adapter.name}; ${scenarios.length} scenarios${values.crashes ? ' (crash cases only)' : ''}; concurrency ${values.concurrency}; ${values.rounds} round(s)\n`);

const floor = await nodeStartFloor(5);
console.log(`Node's own floor for a worker start (spawn to a printed line, empty script, median of 5): ${ms(floor)}`);
// The runtime's own floor for a worker start, without agentcheck (issue 20, goal 3).
const RUNTIME_FLOORS: Record<string, { runtime: string; what: string; measure: () => Promise<number> }> = {
  temporal: { runtime: 'Temporal', what: 'a bare TypeScript worker, spawn to first poll, real dev server', measure: () => temporalWorkerFloor(5) },
  restate: { runtime: 'Restate', what: 'a bare SDK endpoint, spawn to listening', measure: () => restateEndpointFloor(5) },
};
const floorOf = RUNTIME_FLOORS[adapter.name];
const runtimeFloor = floorOf ? await floorOf.measure() : undefined;
if (floorOf) console.log(`${floorOf.runtime}'s own floor for a worker start (${floorOf.what}, median of 5): ${ms(runtimeFloor!)}`);
// The other half of target 3: the runtime's own restart, crash to the resumed run's next step, without agentcheck.
const RESTART_FLOORS: Record<string, { what: string; measure: () => Promise<RestartFloor> }> = {
  temporal: { what: 'a bare worker SIGKILLed mid-activity, a fresh one spawned at once', measure: () => temporalRestartFloor(3) },
  restate: { what: 'a bare endpoint SIGKILLed mid-ctx.run, a fresh one spawned at once on its port', measure: () => restateRestartFloor(3) },
};
const restartFloor = floorOf ? await RESTART_FLOORS[adapter.name]?.measure() : undefined;
if (restartFloor) console.log(`${floorOf!.runtime}'s own restart (${RESTART_FLOORS[adapter.name]!.what}; median of 3): ready after ${ms(restartFloor.startMs)}, the retried call after ${ms(restartFloor.nextStepMs)}`);
console.log('');

for (let round = 1; round <= (values['explore-only'] ? 0 : Number(values.rounds)); round++) {
  const out = mkdtempSync(join(tmpdir(), 'agentcheck-bench-'));
  const t0 = performance.now();
  const report = await runSuite({ adapter, adapterArg: values.adapter!, scenarios, sourceOf: (s) => s.id, seed: round, outDir: out, timeoutMs: 10_000, concurrency: Number(values.concurrency) });
  const wall = performance.now() - t0;
  const ran = report.cases.filter((c) => c.verdict !== 'skipped');
  const phases = ran.map(casePhases);
  const total = mean(phases.map((p) => p.total));
  const overhead = mean(phases.map((p) => p.overhead));
  const starts = phases.flatMap((p) => (p.workerStarts ? [p.workerStart / p.workerStarts] : []));
  const recovery = ran.flatMap((c) => c.metrics?.recoveryMs ?? []);
  console.log(`round ${round}: ${ran.length} cases (${report.cases.length - ran.length} skipped) in ${(wall / 1000).toFixed(2)} s wall = ${(ran.length / (wall / 1000)).toFixed(2)} cases/s; score ${report.scorecard.score} ${report.scorecard.level}; ${ran.filter((c) => c.verdict !== 'pass').length} not passed`);
  console.log(`  per case (mean): ${ms(total)} = run ${ms(mean(phases.map((p) => p.run)))} + the plan's own actions after the result ${ms(mean(phases.map((p) => p.plannedAfter)))} + worker starts outside the run ${ms(mean(phases.map((p) => p.startsOutsideRun)))} + the adapter's openCase and close ${ms(mean(phases.map((p) => p.adapter)))} + harness overhead ${ms(overhead)}`);
  console.log(`  worker start (spawn to ready): mean ${ms(mean(starts))}, median ${ms(median(starts))}; Node's floor ${ms(floor)}`);
  const warm = phases.flatMap((p) => p.warm);
  // With warm spares (decision 0074) a start is the case's wait after the hand-over; the loading before it is apart.
  if (warm.length) console.log(`  ${warm.length} of ${phases.reduce((n, p) => n + p.workerStarts, 0)} starts from a warm spare, which had loaded before its case for a median ${ms(median(warm))} (off the critical path)`);
  // Workers are given a collector (OTEL_*) only where the case judges traces (decision 0065): their start, apart.
  const judged = (c: (typeof ran)[number]) => !adapter.lacks?.traces && judgesTraces(scenarios.find((s) => s.id === c.scenario)!);
  const startsWhere = (traced: boolean) => phases.flatMap((p, i) => (p.workerStarts && judged(ran[i]) === traced ? [p.workerStart / p.workerStarts] : []));
  const [withCollector, without] = [startsWhere(true), startsWhere(false)];
  if (withCollector.length && without.length) console.log(`  worker start, median: ${ms(median(withCollector))} in the ${withCollector.length} cases that judge traces (workers given OTEL_*), ${ms(median(without))} in the ${without.length} others`);
  console.log(`  recovery after a worker restart (ready to next request): median ${ms(median(recovery))}, max ${ms(Math.max(0, ...recovery))} over ${recovery.length} restarts`);
  console.log(`  harness peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  // A blocked harness moves every case's timings (decisions 0120, 0121): shown, since a faster harness that stalls is no faster.
  const stalls = ran.map((c) => c.metrics?.harnessStallMs ?? 0);
  console.log(`  the harness's event loop: ${stalls.filter((s) => s > 0).length} of ${ran.length} cases saw a stall of 100 ms or more, the longest ${ms(Math.max(0, ...stalls))}`);
  const share = (100 * overhead) / Math.max(1, total);
  // The adapter's openCase and close are the runtime's own setup (Restate: a server per case), apart: printed, not hidden.
  const adapterShare = (100 * mean(phases.map((p) => p.adapter))) / Math.max(1, total);
  target('1, harness overhead <= 10 % of case time', `${share.toFixed(1)} % (the adapter's openCase and close apart: ${adapterShare.toFixed(1)} %)`, share / 10, share <= 10);
  if (runtimeFloor === undefined || !floorOf) target('3, worker start <= 1.5 x the floor', `${(median(starts) / Math.max(1, floor)).toFixed(2)} x Node's floor`, median(starts) / Math.max(1, floor) / 1.5, median(starts) <= 1.5 * floor);
  else {
    // A restart is over when the new worker asks for work: its start plus its recovery (ready to next request).
    const restart = median(starts) + median(recovery);
    target('3, worker start <= 1.5 x the runtime\'s floor', `${ms(median(starts))} = ${(median(starts) / runtimeFloor).toFixed(2)} x ${floorOf.runtime}'s floor`, median(starts) / runtimeFloor / 1.5, median(starts) <= 1.5 * runtimeFloor);
    // Like for like where the runtime's own restart was measured: spawn to the next step on both sides.
    const against = restartFloor ? { ms: restartFloor.nextStepMs, what: `${floorOf.runtime}'s own restart` } : { ms: runtimeFloor, what: `${floorOf.runtime}'s start floor` };
    target('3, start + recovery <= 1.5 x the runtime\'s floor', `${ms(restart)} = ${(restart / against.ms).toFixed(2)} x ${against.what}`, restart / against.ms / 1.5, restart <= 1.5 * against.ms);
  }
  if (values.crashes) {
    const rate = ran.length / (wall / 1000);
    const want = adapter.name === 'temporal' ? 0.5 : 1;
    target(`4, crash cases/s >= ${want}`, `${rate.toFixed(2)} crash cases/s`, want / Math.max(0.001, rate), rate >= want);
  }
  console.log(`  record: ${out}`);
}

const runs = Number(values.explore);
if (runs > 0) {
  // 'auto' (the CLI's default, decision 0122) or a number of lanes.
  const concurrency = values['explore-concurrency'] === 'auto' ? 'auto' : Number(values['explore-concurrency']);
  const seed = Number(values['explore-seed']);
  console.log(`\nexplore: ${runs} generated cases, seed ${seed}, ${concurrency} at a time${values['explore-faults'] === undefined ? '' : `, faults: ${values['explore-faults']}`}`);
  const faultKinds = values['explore-faults'] === undefined ? undefined : parseFaultKinds(values['explore-faults']);
  const e = await exploreFigures(adapter, { runs, seed, concurrency, ...(faultKinds ? { faultKinds } : {}) });
  console.log(`  ${e.cases} cases at ${e.casesPerSecond.toFixed(2)} cases/s; ${e.failed} failed, ${e.unknown} undecided; record: ${e.outDir}`);
  if (e.lanes) console.log(`  at once (auto): from ${e.lanes.min} to ${e.lanes.max}, ${e.lanes.mean.toFixed(1)} on average`);
  target('2, explore >= 4 cases/s', `${e.casesPerSecond.toFixed(2)} cases/s`, 4 / Math.max(0.001, e.casesPerSecond), e.casesPerSecond >= 4);
  target(`2, harness RSS < 300 MB over ${e.cases} cases`, `peak ${e.peakRssMiB.toFixed(0)} MiB, ${e.endRssMiB.toFixed(0)} MiB at the end`, e.peakRssMiB / 300, e.peakRssMiB < 300);
}
