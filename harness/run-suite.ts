import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter } from './adapter.js';
import { setUpAdapter, tearDownAdapter } from './adapter-calls.js';
import { mergeRepeats } from './case/repeats.js';
import { runCase, type CaseResult } from './case/run-case.js';
import { openSpares } from './case/workers.js';
import { protocolCheckOnce } from './protocol/check.js';
import { parseExactly } from './report/exact.js';
import { fanOut, type Reporter } from './report/reporter.js';
import { judgeGate, type GateOptions } from './report/gate.js';
import { Report, SCHEMA_VERSION } from './report/schema.js';
import { shardOf, type Shard } from './report/shard.js';
import { scoreCases } from './scorecard.js';
import type { Scenario } from './scenario/schema.js';
import { VERSION } from './version.js';
import { cellsOf, coverageModel, POLICY_RULES, tally } from './faults/coverage.js';
import { supportedFaultKinds } from './explore/options.js';

export interface SuiteOptions {
  adapter: Adapter;
  /** How --adapter was given, for the replay command. */
  adapterArg: string;
  /** The runtime releases --pin gave, for the replay command. */
  pins?: string[];
  scenarios: Scenario[];
  /** Where each scenario came from on the command line (a built-in id or a file), for replay. */
  sourceOf: (s: Scenario) => string;
  seed: number;
  outDir: string;
  timeoutMs: number;
  concurrency: number;
  /** What the CI gate asks beyond every case passing (--min-score, --min-level, --fail-on, --baseline). */
  gate?: GateOptions;
  /** Run only this shard's cases (--shard 2/5). */
  shard?: Shard;
  /** Runs per case (--repeat, default 1): racy runtimes are judged on frequencies, not one coin flip. */
  repeat?: number;
  signal?: AbortSignal;
  /** Hear the run as it happens (live progress); rendering the report is the caller's. */
  reporters?: readonly Reporter[];
}

const quote = (s: string) => (/^[\w./@:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** Run every case (a few at a time, each on its own worker), score them, and write the report. */
export async function runSuite(opts: SuiteOptions): Promise<Report> {
  const started = Date.now();
  mkdirSync(opts.outDir, { recursive: true });
  const streamed = join(opts.outDir, 'cases.jsonl');
  writeFileSync(streamed, '');
  const results: CaseResult[] = [];
  const scenarios = opts.shard ? shardOf(opts.scenarios, opts.shard) : opts.scenarios;
  const repeat = opts.repeat ?? 1;
  const total = scenarios.length;
  const hear = fanOut(opts.reporters ?? []);
  hear.onRunStart({ seed: opts.seed, concurrency: opts.concurrency, outDir: opts.outDir, total });
  await setUpAdapter(opts.adapter, { dir: opts.outDir }, opts.signal);
  let report: Report;
  // Workers that can wait for their case start ahead of need, two spares per lane (decision 0074).
  const spares = openSpares(opts.outDir, opts.concurrency);
  try {
    // Workers in any language prove they follow the worker protocol before any case's worker starts (decision 0048).
    const checkWorker = protocolCheckOnce(opts.adapter, opts.outDir, opts.signal);
    const queue = [...scenarios];
    const lane = async () => {
      for (let s = queue.shift(); s && !opts.signal?.aborted; s = queue.shift()) {
        hear.onCaseStart({ id: s.id });
        const repro = `npx agentcheck run ${quote(opts.sourceOf(s))} --adapter ${quote(opts.adapterArg)} --seed ${opts.seed}${repeat > 1 ? ` --repeat ${repeat}` : ''}${(opts.pins ?? []).map((p) => ` --pin ${quote(p)}`).join('')}`;
        const runs: CaseResult[] = [];
        for (let k = 1; k <= repeat && !opts.signal?.aborted; k++) {
          const one = await runCase({ adapter: opts.adapter, scenario: s, seed: opts.seed, outDir: opts.outDir, timeoutMs: opts.timeoutMs, repro, signal: opts.signal, checkWorker, spares, ...(repeat > 1 ? { repetition: k } : {}) });
          if (opts.signal?.aborted && one.verdict === 'unknown') break; // cut off by the interrupt: not a result
          runs.push(one);
          if (repeat > 1) hear.onRepetitionEnd({ result: one, run: k, runs: repeat });
          if (one.verdict === 'skipped') break; // a skip does not depend on the run
        }
        if (runs.length === 0) continue;
        const r = mergeRepeats(runs);
        results.push(r);
        appendFileSync(streamed, JSON.stringify(r) + '\n');
        hear.onCaseEnd({ result: r, done: results.length, total });
      }
    };
    // Every lane ends (its case cleaned up) before a worker that broke the protocol stops the run.
    const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(opts.concurrency, scenarios.length)) }, lane));
    const stopped = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (stopped) throw stopped.reason;
    const order = new Map(scenarios.map((s, i) => [s.id, i] as const));
    results.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const scorecard = scoreCases(results, opts.adapter.lacks);
    report = parseExactly(Report, {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'agentcheck', version: VERSION },
      adapter: {
        name: opts.adapter.name,
        ...(opts.adapter.runtimeVersion ? { runtimeVersion: opts.adapter.runtimeVersion } : {}),
        ...(opts.adapter.lacks && Object.keys(opts.adapter.lacks).length ? { lacks: opts.adapter.lacks } : {}),
      },
      seed: opts.seed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      interrupted: Boolean(opts.signal?.aborted),
      scorecard,
      gate: judgeGate(results, scorecard, opts.gate, opts.signal?.aborted ? scenarios.length : undefined),
      ...(opts.shard ? { shard: opts.shard } : {}),
      coverage: coverageOf(results, scenarios, opts.adapter),
      cases: results,
    });
    // Written before the adapter's teardown: a teardown that fails or hangs loses no result.
    writeFileSync(join(opts.outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  } finally {
    await spares.close();
    await tearDownAdapter(opts.adapter);
  }
  hear.onRunEnd(report);
  return report;
}

/** The cells the cases that ran exercised (a skipped case, or one that could not run, exercised nothing), in the model of what this adapter supports. */
function coverageOf(results: CaseResult[], scenarios: Scenario[], adapter: Adapter) {
  const byId = new Map(scenarios.map((s) => [s.id, s] as const));
  const ran = results.filter((r) => r.verdict !== 'skipped' && !r.error).map((r) => byId.get(r.id));
  const model = coverageModel({ faultKinds: supportedFaultKinds(adapter), timeouts: !adapter.lacks?.['approval-timeouts'], agents: !adapter.lacks?.['agent-steps'], policies: { rules: POLICY_RULES, enforced: true } });
  return tally('run', model, ran.flatMap((s) => (s ? [cellsOf(s)] : [])));
}
