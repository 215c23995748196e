import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheckBin } from './cli.js';
import { readReport } from '../harness/report/read.js';

// `agentcheck explore` in examples/refund-langgraph, as a team runs it: the config in the
// folder, no --adapter. The correct graph must pass every generated case on every seed;
// the two known-broken graphs must be found and shrunk to the refund, the answer and the
// person's decision, with no fault. Long (a case is 3-10 s, shrinking runs each smaller
// candidate twice and the minimal case three more times): npm run test:agent-explore.
const example = join(import.meta.dirname, '..', 'examples/refund-langgraph');
const seeds = (process.env.AGENT_EXPLORE_SEEDS ?? '1,2,3').split(',').map(Number);

interface Summary {
  cases: { total: number; passed: number; failed: number; unknown: number };
  failure?: { minimal: { scenario: { model: unknown[]; approval?: { decision: string }; faults: string[] }; failed: string[]; path: string }; replays: { runs: number; failed: number }; replay: string };
}

async function explore(graph: string, args: string[]) {
  const out = join(mkdtempSync(join(tmpdir(), 'agent-explore-long-')), 'out');
  const r = await execa(process.execPath, [agentcheckBin, 'explore', ...args, '--out', out], { cwd: example, reject: false, env: { NO_COLOR: '1', REFUND_GRAPH: graph } });
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
  // The report a run writes, with every explored case (and the minimal one, after a failure: decision 0108).
  const report = readReport(join(out, 'report.json'));
  expect(report.cases.filter((c) => c.scenario !== `explore-${report.seed}-${summary.failure?.minimal.path.replace(/:/g, '-')}`)).toHaveLength(summary.cases.total - (summary.failure && !summary.failure.minimal.path.includes(':') ? 1 : 0));
  return { r, summary };
}

describe('agentcheck explore on examples/refund-langgraph', () => {
  it.each(seeds)('the correct graph (approvers notified in a node of their own) holds every property in every generated case, seed %i', async (seed) => {
    const { r, summary } = await explore('./graph.ts', ['--seed', String(seed), '--runs', '8']);
    expect(summary.cases, r.stderr).toMatchObject({ total: 8, passed: 8, failed: 0, unknown: 0 });
    expect(r.stdout).toMatch(/No failure found/);
    expect(r.exitCode, r.stderr).toBe(0);
  }, 600_000);

  it("notified in the node that calls interrupt(): found, and shrunk to the refund, the answer and the person's decision, no fault; the printed command replays it", async () => {
    const { r, summary } = await explore('./graph-notify-then-interrupt.ts', ['--seed', '1', '--runs', '20']);
    expect(r.exitCode, r.stderr).toBe(1);
    const f = summary.failure!;
    expect(f.minimal.scenario.model).toHaveLength(2);
    expect(f.minimal.scenario.faults).toEqual([]);
    // Any decision resumes the node and notifies again; after a rejection it is also a write after "no".
    expect(f.minimal.failed).toContain('effects-exactly-once');
    expect(f.replays.failed).toBe(f.replays.runs);
    expect(r.stdout).toMatch(/shrunk to 2 model turns and 0 faults[\s\S]*✗ effects-exactly-once[\s\S]*hooks\.slack\.com[\s\S]*npx agentcheck explore --config agentcheck\.config\.ts --seed 1 --path "[\d:]+"/);
    const replay = await execa(process.execPath, [agentcheckBin, ...f.replay.replace('npx agentcheck ', '').replace(/"/g, '').split(' '), '--out', join(mkdtempSync(join(tmpdir(), 'agent-explore-replay-')), 'out')], { cwd: example, reject: false, env: { NO_COLOR: '1', REFUND_GRAPH: './graph-notify-then-interrupt.ts' } });
    expect(replay.stdout).toMatch(new RegExp(`Case ${f.minimal.path} of seed 1 on your agent: fail[\\s\\S]*✗ effects-exactly-once`));
    expect(replay.exitCode, replay.stderr).toBe(1);
  }, 900_000);

  it('the caller read from the request context: found, and shrunk to the refund, the answer and an approval, no fault (identity)', async () => {
    const { r, summary } = await explore('./graph-caller-from-request.ts', ['--seed', '1', '--runs', '20']);
    expect(r.exitCode, r.stderr).toBe(1);
    const f = summary.failure!;
    expect(f.minimal.failed).toEqual(['identity']);
    expect(f.minimal.scenario.model).toHaveLength(2);
    expect(f.minimal.scenario.approval?.decision).toBe('approve');
    expect(f.minimal.scenario.faults).toEqual([]);
  }, 900_000);
});
