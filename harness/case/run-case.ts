import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readsHistory, restartsRuntime, type Adapter, type CaseRuntime, type RunResult, type RuntimeHistory, type WorkerSpec } from '../adapter.js';
import { WorkerProtocolError } from '../errors.js';
import { checkersExcept, judgeRuns } from '../checkers/index.js';
import { mergeVerdicts, type PropertyId } from '../checkers/verdict.js';
import { eventsOfRun, HistoryLog, type CaseHistory } from '../history.js';
import { startLedger } from '../ledger/server.js';
import { approvedIn, policyGate } from '../policy/rules.js';
import { tokensByStep } from '../policy/predict.js';
import { startTraceReceiver } from '../traces/receiver.js';
import { judgesTraces } from '../traces/judged.js';
import { measure } from '../metrics.js';
import { watchStalls } from './stall-watch.js';
import { oraclesFor } from '../oracle.js';
import { allSteps } from '../plan/walk.js';
import { describeFault, packageOf } from '../faults/registry.js';
import { runDecisions, type Scenario } from '../scenario/schema.js';
import type { CaseResult } from '../report/case.js';
import { buildTimeline } from '../report/timeline.js';
import { AdapterTimeout, bounded } from '../process/bounded.js';
import { ABORT_GRACE_MS, ADAPTER_CALL_LIMITS_MS, HARNESS_STALL_LIMIT_MS, TRACKED_GRACE_MS } from '../timing.js';
import { CaseClient, scheduleHumans } from './client.js';
import { awaitQuiescence, bothIdle } from './quiescence.js';
import { armFaults, drawFaults } from './faults.js';
import { SecondWorkers } from './second-workers.js';
import { WorkerSlot, writePlanFile } from './workers.js';
import type { SparePool } from './spares.js';
import { CaseDeadline } from './deadline.js';
import { holdApprovalRequest } from './early-answer.js';

// A case's result is part of the report model (harness/report/case.ts).
export type { CaseResult, CaseVerdict } from '../report/case.js';

export interface CaseOptions {
  adapter: Adapter;
  scenario: Scenario;
  seed: number;
  /** The run's output folder; the case writes into cases/<id>/ below it. */
  outDir: string;
  /** The least time a run gets to finish once faults heal. */
  timeoutMs: number;
  repro: string;
  /** Aborted when the whole agentcheck run is interrupted. */
  signal?: AbortSignal;
  /** Which of several runs of this case (--repeat), from 1; each keeps its own record folder. */
  repetition?: number;
  /** Awaited before the case's first worker starts: the worker protocol check (harness/protocol/check.ts). Its WorkerProtocolError stops the run. */
  checkWorker?: (worker: WorkerSpec) => Promise<void>;
  /** The run's warm spare workers (decision 0074); without it every worker is spawned for its case. */
  spares?: SparePool;
  /** Properties left unjudged (explore --ignore): a known failure set aside so the search looks for others. */
  ignore?: readonly PropertyId[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic from the seed: the same seed gives the same run ids. */
export function caseSalt(seed: number, scenarioId: string): string {
  return createHash('sha256').update(`${seed}:${scenarioId}`).digest('hex').slice(0, 8);
}

/** Time the plan itself needs (sleeps, approval timeouts, slow calls, downtimes), on top of the user's timeout. */
function deadlineFor(scenario: Scenario, timeoutMs: number): number {
  let need = 0;
  for (const s of allSteps(scenario.plan)) {
    if (s.kind === 'sleep') need += s.ms;
    if (s.kind === 'approval') need += s.timeoutMs;
    if (s.kind === 'llm' || s.kind === 'tool') need += s.latencyMs;
  }
  for (const f of scenario.faults) if ('downtimeMs' in f) need += f.downtimeMs;
  return Math.max(scenario.deadlineMs ?? 0, need + timeoutMs);
}

export async function runCase(opts: CaseOptions): Promise<CaseResult> {
  const { adapter, scenario } = opts;
  // One oracle per run, from its own humans' decisions; a capability any run needs, the case needs.
  const oracles = oraclesFor(scenario);
  const needs = [...new Set(oracles.flatMap((o) => o.needs))];
  const caseDir = join(opts.outDir, 'cases', scenario.id.replace(/[^a-z0-9._-]+/gi, '_') + (opts.repetition ? `.run${opts.repetition}` : ''));
  const base = {
    id: scenario.id,
    scenario: scenario.id,
    category: scenario.category,
    description: scenario.description,
    faults: scenario.faults.map(describeFault),
    repro: opts.repro,
    dir: caseDir,
  };
  const lacking = needs.filter((c) => adapter.lacks?.[c]);
  if (lacking.length) return { ...base, verdict: 'skipped', skipReason: lacking.map((c) => `${c}: ${adapter.lacks![c]}`).join('; '), properties: [] };

  // A rerun into the same --out replaces this case's record instead of appending to it.
  rmSync(caseDir, { recursive: true, force: true });
  mkdirSync(caseDir, { recursive: true });
  // Each repeated run gets ids of its own: a runtime that keeps finished runs (Temporal) must not see the same run id again.
  const salt = caseSalt(opts.seed, scenario.id + (opts.repetition && opts.repetition > 1 ? `#${opts.repetition}` : ''));
  const runId = `${scenario.id.replace(/[^a-z0-9-]+/gi, '-')}-${salt}`;
  // Several runs of the plan are runId-1, runId-2...; a single run keeps runId, so its records stay as they were.
  const perRunDecisions = runDecisions(scenario);
  const runIds = perRunDecisions.length === 1 ? [runId] : perRunDecisions.map((_, i) => `${runId}-${i + 1}`);
  const log = new HistoryLog(join(caseDir, 'history.jsonl'));
  const latency = new Map(allSteps(scenario.plan).map((s) => [s.id, 'latencyMs' in s ? s.latencyMs : 0] as const));
  // The moments the harness chooses (where a crash lands in its window), from the seed: one seed replays exactly.
  const armed = drawFaults(scenario.faults, scenario.plan, opts.seed, scenario.id);
  writePlanFile(caseDir, scenario.plan);
  // The ledger refuses what an enforced policy forbids, as a gateway would; it reads the humans' approvals from the case's log.
  const approvedAt = (run: string, approval: string) => approvedIn(log.events, approval, run);
  const refuse = scenario.policies.some((p) => p.enforce) ? policyGate(scenario.policies, approvedAt, tokensByStep(scenario.plan)) : undefined;
  const ledger = await startLedger({ file: join(caseDir, 'effects.jsonl'), latencyFor: (id) => latency.get(id) ?? 0, ...(refuse ? { refuse } : {}) });
  // The case's collector: workers export their spans here, kept in spans.jsonl beside effects.jsonl.
  const receiver = await startTraceReceiver({ file: join(caseDir, 'spans.jsonl') }).catch(async (err: unknown) => {
    await ledger.close();
    throw err;
  });
  // Spans are asked for only where the case judges them (decision 0065): elsewhere the
  // reference worker starts without the OpenTelemetry SDK, and `traces` is n/a.
  const traced = !adapter.lacks?.traces && judgesTraces(scenario);
  const startedAt = Date.now();
  const stalls = watchStalls();
  /** Time in the adapter's openCase and close: the runtime's own setup and teardown, apart from the harness's. */
  let adapterMs = 0;
  let rt: (CaseRuntime & object) | undefined;
  let workers: WorkerSlot | undefined;
  let childWorkers: WorkerSlot | undefined;
  let caseDeadline: CaseDeadline | undefined;
  const results = new Map<string, RunResult>();
  const runtimeHistories = new Map<string, RuntimeHistory>();
  let error: string | undefined;
  let skipReason: string | undefined;
  let brokeProtocol: WorkerProtocolError | undefined;
  try {
    // Every adapter call is bounded: one that never returns ends the case undecided, not the whole run.
    const opened = adapter.openCase({ caseId: scenario.id, dir: caseDir, ledger: { url: ledger.url, token: ledger.token }, plan: scenario.plan, faults: scenario.faults, salt, ...(traced ? { traceEndpoint: receiver.endpoint } : {}) });
    // A runtime opened after we gave up on it is still closed.
    let gaveUp = false;
    void opened.then((late) => (gaveUp ? late.close() : undefined)).catch(() => undefined);
    const openedAt = Date.now();
    rt = await bounded(opened, 'openCase()', { limitMs: ADAPTER_CALL_LIMITS_MS.openCase, signal: opts.signal, graceMs: ABORT_GRACE_MS }).catch((err: unknown) => {
      gaveUp = true;
      throw err;
    });
    adapterMs += Date.now() - openedAt;
    if (needs.includes('restart-runtime') && !restartsRuntime(rt)) {
      skipReason = `restart-runtime: the ${adapter.name} adapter cannot crash and restart its runtime`;
    } else {
      await opts.checkWorker?.(rt.worker);
      // Only a case that judges traces tells its workers where to export: elsewhere they load no SDK for it.
      const otel = traced ? receiver.env({ 'agentcheck.case.id': scenario.id }, `${adapter.name}-worker`) : {};
      workers = new WorkerSlot(rt, ledger, caseDir, log, salt, otel, opts.spares);
      // The child runs' own worker, where the runtime gives them one (decision 0110): started beside the first.
      childWorkers = rt.childWorker ? new WorkerSlot(rt, ledger, caseDir, log, salt, otel, opts.spares, true) : undefined;
      await Promise.all([workers.start(), childWorkers?.start()]);
      // Pushed back by the time restarted workers spend starting: a loaded machine's start-up is not the run's (deadline.ts).
      caseDeadline = new CaseDeadline(deadlineFor(scenario, opts.timeoutMs), log);
      const deadline = AbortSignal.any([caseDeadline.signal, ...(opts.signal ? [opts.signal] : [])]);
      // A call the adapter never returned from leaves the case undecided: the harness no longer knows what happened.
      const undecided = (reason: string) => (error ??= `${adapter.name}: ${reason}`);
      const clients = runIds.map((id) => new CaseClient(rt!, log, id, deadline, undecided));
      const tracked: Promise<unknown>[] = [];
      const track = (p: Promise<unknown>) => void tracked.push(p.catch(() => undefined));
      let markStarted: (at: number) => void = () => undefined;
      const runStarted = new Promise<number>((r) => (markStarted = r));
      const besides = new SecondWorkers();
      const notInjected = (reason: string) => undecided(`a fault could not be injected: ${reason}`);
      const runtime = restartsRuntime(rt) ? { crash: rt.crashRuntime.bind(rt), restart: rt.restartRuntime.bind(rt) } : undefined;
      // Faults stay anchored to steps: each fires on the first matching request, whichever run sends it.
      const runFinished = () => log.events.filter((e) => e.type === 'op' && e.op === 'await-result' && e.phase === 'ok').length >= runIds.length;
      armFaults(armed, { ledger, workers, ...(childWorkers ? { childWorkers } : {}), runtime, log, plan: scenario.plan, runStarted, track, secondWorkerUp: besides.up, notInjected, runFinished, startRunAgain: () => clients[0].startRun() });
      // All runs are started at once, each with its own humans; the case's start (for faults anchored to it) is the first.
      const started = clients.map((c) => c.startRun());
      perRunDecisions.forEach((decisions, i) => {
        const asked = (step: string) => ledger.waitFor((e) => e.runId === runIds[i] && e.stepId === step && e.kind === 'approval-request');
        const holdRequest = (step: string, until: Promise<unknown>) => holdApprovalRequest(ledger, runIds[i]!, step, until);
        scheduleHumans(decisions, armed, clients[i], { plan: scenario.plan, started: started[i], asked, secondWorkerUp: besides.whenUp, holdRequest }, track);
      });
      markStarted(await Promise.race(started));
      await Promise.all(started);
      await Promise.all(
        runIds.map(async (id) => {
          log.add({ type: 'op', at: Date.now(), op: 'await-result', phase: 'invoke', run: id });
          try {
            const result = await bounded(rt!.awaitResult(id, deadline), 'awaitResult()', { signal: deadline, graceMs: ABORT_GRACE_MS });
            results.set(id, result);
            log.add({ type: 'op', at: Date.now(), op: 'await-result', phase: 'ok', detail: result.status, run: id });
          } catch (err) {
            log.add({ type: 'op', at: Date.now(), op: 'await-result', phase: 'info', detail: opts.signal?.aborted ? 'interrupted' : `no result: ${(err as Error).message}`, run: id });
            if (err instanceof AdapterTimeout) undecided(err.message);
          }
        }),
      );
      // Let late deliveries and restarts play out: a late approval must change nothing.
      await Promise.race([Promise.all(tracked), sleep(TRACKED_GRACE_MS)]);
      await Promise.all([workers.settled(), childWorkers?.settled()]);
      // Judged once nothing can add to the record any more: at once where that is known.
      await awaitQuiescence(ledger, bothIdle(workers, childWorkers), adapter.actsAloneMs);
      if (readsHistory(rt)) for (const id of runIds) runtimeHistories.set(id, await bounded(rt.readHistory(id), 'readHistory()', { limitMs: ADAPTER_CALL_LIMITS_MS.readHistory }));
    }
  } catch (err) {
    if (err instanceof WorkerProtocolError) brokeProtocol = err;
    error = `${adapter.name}: ${(err as Error).message}`;
  } finally {
    caseDeadline?.dispose();
    await Promise.all([workers?.stop().catch(() => undefined), childWorkers?.stop().catch(() => undefined)]);
    const closing = Date.now();
    if (rt) await bounded(rt.close(), 'close()', { limitMs: ADAPTER_CALL_LIMITS_MS.close }).catch((err: Error) => (error ??= `${adapter.name}: ${err.message}`));
    if (rt) adapterMs += Date.now() - closing;
    await ledger.close();
    await receiver.close();
  }
  const stall = stalls.longest();
  stalls.stop();
  if (brokeProtocol) throw brokeProtocol;
  const endedAt = Date.now();
  if (skipReason) return { ...base, verdict: 'skipped', skipReason, properties: [] };

  const whole: CaseHistory = { startedAt, events: log.events, effects: ledger.events, runId: runIds[0], runIds, ...(traced ? { spans: receiver.spans } : {}), ...(adapter.timerLatencyMs ? { timerLatencyMs: adapter.timerLatencyMs } : {}) };
  // Each run is judged against its own oracle, on what it saw: its operations, its result, its runtime's record.
  const perRun = runIds.map((id, i) => {
    const result = results.get(id);
    const runtimeHistory = runtimeHistories.get(id);
    const history: CaseHistory = { ...whole, runId: id, events: eventsOfRun(log.events, id), ...(result ? { result } : {}), ...(runtimeHistory ? { runtimeHistory } : {}) };
    return { scenario, oracle: oracles[i], history, faults: scenario.faults };
  });
  let properties = error ? [] : judgeRuns(perRun, checkersExcept(opts.ignore));
  let verdict = error ? 'unknown' : opts.signal?.aborted ? 'unknown' : mergeVerdicts(properties.map((p) => p.verdict));
  // A failure on timings the harness itself broke is no verdict on the runtime; a pass still is (decision 0121).
  if (verdict === 'fail' && stall.ms >= HARNESS_STALL_LIMIT_MS) {
    const failed = properties.filter((p) => p.verdict === 'fail').map((p) => p.id);
    error = `the harness's event loop was blocked ${stall.ms} ms during the case (until +${stall.endedAt! - startedAt} ms): its faults, answers and ledger waited, so the case did not run as written, and its failure (${failed.join(', ')}) is not a verdict on ${adapter.name}`;
    properties = [];
    verdict = 'unknown';
  }
  // How the run met its faults where the verdict does not say it (which workers acted): beside the verdict, never instead of it.
  const observed = error ? [] : scenario.faults.flatMap((f, i) => {
    const why = packageOf(f).observe?.(f as never, i, whole);
    return why ? [`${describeFault(f)}: ${why}`] : [];
  });
  const out: CaseResult = { ...base, verdict, properties, metrics: { ...measure(scenario.plan, whole, endedAt), adapterMs, ...(stall.ms ? { harnessStallMs: stall.ms } : {}) }, ...(error ? { error } : {}), ...(observed.length ? { observed } : {}), timeline: buildTimeline(whole, endedAt) };
  writeFileSync(join(caseDir, 'case.json'), JSON.stringify(out, null, 2));
  return out;
}
