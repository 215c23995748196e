import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { plural } from '../../harness/report/words.js';
import { EXIT, UsageError } from '../../harness/errors.js';
import { VERSION } from '../../harness/version.js';
import { interruptible } from '../interrupt.js';
import { outDirFor } from '../output.js';
import type { ExploreFlags } from './explore.js';
import { usage } from '../arguments.js';

/** Flags that shape a runtime's plans or runs, with nothing to do on your own agent. */
const RUNTIME_ONLY: Record<string, string> = { adapter: '--adapter', maxSteps: '--max-steps', agents: '--agents', policies: '--policies', shard: '--shard', concurrency: '--concurrency', timeout: '--timeout', ignore: '--ignore' };

/**
 * `agentcheck explore` on your own agent (decision 0079): model scripts and faults
 * generated from its config, each case run as `agentcheck run` runs a scenario, the first
 * failure shrunk; or the one case at --seed/--path again.
 */
export async function exploreAgentCommand(configFile: string, o: ExploreFlags, given: (option: string) => boolean): Promise<number> {
  const refused = Object.keys(RUNTIME_ONLY).find(given);
  if (refused) throw new UsageError(`${RUNTIME_ONLY[refused]} does not apply to your own agent (${configFile}); explore a runtime with --adapter and no --config${refused === 'timeout' ? ' (each case gets the longest timeoutMs of the config\'s scenarios)' : ''}`);
  if (o.runs !== undefined && o.time !== undefined) throw new UsageError('give --runs or --time, not both');
  if (o.path !== undefined && o.seed === undefined) throw new UsageError('--path replays a case of one seed: give --seed too (both are printed after a failure)');
  if (o.path !== undefined && (o.runs !== undefined || o.time !== undefined)) throw new UsageError('--path replays one case: --runs and --time do not apply');
  // Loaded here, not at start: every other command stays as quick to start as before.
  const { parseAgentFaultKinds } = await import('../../harness/agent/explore/replay-command.js');
  const faultKinds = o.faults !== undefined ? usage(() => parseAgentFaultKinds(o.faults!)) : undefined;
  const { loadAgentConfig } = await import('../../harness/agent/load-config.js');
  const { exploreAgent, replayAgentPath } = await import('../../harness/agent/explore/explore.js');
  const { exploreSpace } = await import('../../harness/agent/explore/space.js');
  const { config, dir } = await loadAgentConfig(configFile);
  if (faultKinds?.includes('slow') && exploreSpace(config).keyedWriteLabels.length === 0)
    throw new UsageError(`--faults slow: no write declared in ${configFile}'s hosts is on a host with an idempotencyHeader; a slow call is drawn only where a retry can meet its key in use (decision 0103)`);
  const seed = o.seed ?? randomInt(2 ** 31 - 1);
  const { outDir, release } = outDirFor(o.out, 'explore', `agent${o.path ? '-replay' : ''}`, o.force);
  try {
    const interrupt = interruptible(outDir);
    const common = { config, configFile: resolve(configFile), dir, seed, outDir, signal: interrupt.signal, ...(given('shrinkTime') ? { shrinkTimeMs: o.shrinkTime } : {}), ...(o.maxTurns !== undefined ? { maxTurns: o.maxTurns } : {}), ...(o.maxFaults !== undefined ? { maxFaults: o.maxFaults } : {}), ...(faultKinds ? { faultKinds } : {}) };
    if (o.path !== undefined) {
      process.stderr.write(`agentcheck ${VERSION}: replaying seed ${seed} path ${o.path} on your agent (${configFile}); records in ${outDir}\n`);
      const { ran, text } = await replayAgentPath({ ...common, path: o.path });
      process.stdout.write(`${text}\n`);
      return interrupt.exitCode ?? (ran.result.verdict === 'pass' ? EXIT.passed : EXIT.gateFailed);
    }
    const budget = o.time !== undefined ? `for ${Math.round(o.time / 1000)} s` : o.runs !== undefined ? plural(o.runs, 'case') : 'the default 30 cases';
    process.stderr.write(`agentcheck ${VERSION}: exploring your agent (${configFile}) ${budget}, seed ${seed}, one case at a time${o.steer ? ', each chosen toward cells not yet covered' : ''}; records in ${outDir}\n`);
    const r = await exploreAgent({
      ...common,
      ...(o.runs !== undefined ? { runs: o.runs } : {}),
      ...(o.time !== undefined ? { timeLimitMs: o.time } : {}),
      steer: o.steer,
      onCaseEnd: (c) => process.stderr.write(`  ${c.result.verdict.padEnd(7)} case ${c.record.path}: ${c.scenario.model.length} turn(s), ${c.scenario.faults.length ? c.scenario.faults.map((f) => f.text).join('; ') : 'no fault'}${c.scenario.approval ? `, person ${c.scenario.approval.decision}s` : ''}\n`),
    });
    const c = r.cases;
    const head = `${plural(c.total, 'case')} on your agent (seed ${r.seed}) in ${(r.searchMs / 1000).toFixed(1)} s: ${c.passed} passed, ${c.failed} failed, ${c.unknown} undecided${r.interrupted ? ' (interrupted)' : r.timeUp ? ' (time limit reached)' : ''}`;
    const undecided = r.undecided.map((u) => `  ? case ${u.path}: ${u.error ?? 'undecided'} (${u.dir})`);
    const { coverageLines } = await import('../../harness/report/coverage.js');
    process.stdout.write([head, ...undecided, ...coverageLines(r.coverage), r.failure ? r.failure.text : `No failure found. Records: ${resolve(outDir, 'explore.jsonl')}`, `Report: ${resolve(outDir, 'report.json')} (agentcheck report <file> --reporter html|markdown|junit renders it)`].join('\n') + '\n');
    return interrupt.exitCode ?? (r.failure || c.unknown ? EXIT.gateFailed : EXIT.passed);
  } finally {
    release();
  }
}
