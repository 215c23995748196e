// node dist/bench/explore-profile.js <explore out dir> [seed] [adapter]
// Where a generated case's time goes: reads an exploration's explore.jsonl (from
// `agentcheck explore` or `npm run bench -- --explore N`, whose record folder it
// prints), regenerates each case from its seed and path with this build's generator,
// and sets its duration beside its plan's own timers along the critical path (sleeps,
// latencies, and the waits nobody answers; an answered wait counts the human's
// reaction). Cases are grouped by where their process fault lands. The same build must
// have generated the cases: another build's rules give other timers (docs/performance.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioArbitrary } from '../harness/explore/arbitrary/scenario.js';
import { generateOptionsFor } from '../harness/explore/options.js';
import { generatedAt } from '../harness/explore/replay.js';
import { loadAdapter } from '../harness/load-adapter.js';
import type { Step } from '../harness/plan/schema.js';
import { HUMAN_REACTION_MS } from '../harness/timing.js';

const [dir, seedArg = '1', adapterArg = 'reference'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node dist/bench/explore-profile.js <explore out dir> [seed] [adapter]');
  process.exit(64);
}
const seed = Number(seedArg);
const arbitrary = scenarioArbitrary(generateOptionsFor(await loadAdapter(adapterArg), {}));
const lines = readFileSync(join(dir, 'explore.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { phase: string; path: string; durationMs: number })
  .filter((l) => l.phase === 'explore');

/** The plan's own time along its critical path; parallel branches count their longest. */
function timers(steps: Step[], answered: Record<string, string>): number {
  let t = 0;
  for (const s of steps) {
    if (s.kind === 'sleep') t += s.ms;
    else if (s.kind === 'llm' || s.kind === 'tool') t += s.latencyMs;
    else if (s.kind === 'approval') t += (answered[s.id] ? HUMAN_REACTION_MS : s.timeoutMs) + Math.max(timers(s.approved, answered), timers(s.rejected, answered));
    else if (s.kind === 'parallel') t += Math.max(0, ...s.branches.map((b) => timers(b, answered)));
  }
  return t;
}

const groups = new Map<string, { n: number; ms: number; timers: number }>();
let total = 0;
let totalTimers = 0;
for (const l of lines) {
  const s = await generatedAt(arbitrary, seed, l.path);
  const at = (f: (typeof s.faults)[number]) => ('at' in f ? f.at : undefined);
  const process = s.faults.find((f) => f.kind === 'crash-worker' || f.kind === 'second-worker' || f.kind === 'restart-runtime');
  const group =
    process && (at(process) === 'waiting' || at(process) === 'sleeping')
      ? 'a process fault lands in a sleep or a wait'
      : s.faults.some((f) => f.kind === 'approve-late')
        ? 'a late approval'
        : process
          ? `${process.kind} at an llm or tool call`
          : 'the rest';
  const t = timers(s.plan.steps, s.decisions);
  const g = groups.get(group) ?? { n: 0, ms: 0, timers: 0 };
  groups.set(group, { n: g.n + 1, ms: g.ms + l.durationMs, timers: g.timers + t });
  total += l.durationMs;
  totalTimers += t;
}
console.log(`${lines.length} cases: mean ${(total / lines.length).toFixed(0)} ms a case, of which the plan's own timers ${(totalTimers / lines.length).toFixed(0)} ms`);
for (const [group, g] of [...groups].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${group}: ${g.n} cases, ${((100 * g.ms) / total).toFixed(1)} % of the time, mean ${(g.ms / g.n).toFixed(0)} ms, timers ${(g.timers / g.n).toFixed(0)} ms`);
}
