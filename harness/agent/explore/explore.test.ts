import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentScenario } from '../config.js';
import type { AgentPropertyResult } from '../properties/history.js';
import type { AgentCaseResult } from '../run-case.js';
import { langgraphLike } from './config.test-helpers.js';
import { exploreAgent, replayAgentPath } from './explore.js';
import { coverageCount } from '../../report/coverage.js';
import { readReport } from '../../report/read.js';
import { reporters } from '../../../reports/index.js';

// The search and the shrinker over model scripts, on fake agents that fail for a known
// reason (the real examples: test/own-agent-explore.long.ts).
type Judge = (s: AgentScenario) => AgentPropertyResult[];
const fakeAgent = (judge: Judge, ran: AgentScenario[] = []) =>
  async (_config: unknown, _dir: string, s: AgentScenario, seed: number): Promise<AgentCaseResult> => {
    ran.push(s);
    const properties = judge(s);
    return { scenario: s.name, seed, verdict: properties.some((p) => p.verdict === 'fail') ? 'fail' : 'pass', properties, notes: [], wastedTokens: 0, durationMs: 1, history: { events: [], finalTurn: s.model.length, faults: [], killedAt: [] } };
  };
const pass = (id: AgentPropertyResult['id']): AgentPropertyResult => ({ id, verdict: 'pass', evidence: [] });
const fail = (id: AgentPropertyResult['id'], message: string): AgentPropertyResult => ({ id, verdict: 'fail', evidence: [{ message }] });
const refunds = (s: AgentScenario) => s.model.some((t) => 'tool' in t && t.tool === 'issue_refund');

// notify-then-interrupt's bug: the approvers are notified again when a rejection resumes the node.
const notifiesTwice: Judge = (s) => [refunds(s) && s.approval?.decision === 'reject' ? fail('approval-integrity', 'Slack notified after the rejection') : pass('approval-integrity')];
// A crash right after the refund, with no key: refunded twice.
const refundsTwiceAfterCrash: Judge = (s) => [s.faults.some((f) => f.kind === 'crash-worker after-effect' && f.label.includes('refunds')) ? fail('effects-exactly-once', 'refunded twice') : pass('effects-exactly-once')];

const out = () => mkdtempSync(join(tmpdir(), 'agent-explore-'));
const base = { config: langgraphLike, configFile: join(process.cwd(), 'agentcheck.config.ts'), dir: process.cwd(), shrinkTimeMs: 60_000 };

describe('explore over model scripts', () => {
  it('finds a bug that needs a rejection and shrinks it to the refund and the answer, with no fault; the printed command replays it', async () => {
    const outDir = out();
    const r = await exploreAgent({ ...base, seed: 5, runs: 30, outDir, runCase: fakeAgent(notifiesTwice) });
    expect(r.failure, JSON.stringify(r.cases)).toBeDefined();
    const { minimal } = r.failure!;
    expect(minimal.scenario.model.map((t) => ('tool' in t ? t.tool : 'text'))).toEqual(['issue_refund', 'text']);
    expect(minimal.scenario.approval).toEqual({ afterTurn: 1, decision: 'reject' });
    expect(minimal.scenario.faults).toEqual([]);
    expect(minimal.failed).toEqual(['approval-integrity']);
    expect(r.failure!.replays).toEqual({ runs: 3, failed: 3 });
    expect(r.failure!.replay).toBe(`npx agentcheck explore --config agentcheck.config.ts --seed 5 --path "${minimal.path}"`);
    expect(r.failure!.text).toMatch(/shrunk to 2 model turns and 0 faults[\s\S]*1\. calls issue_refund[\s\S]*person: rejects after turn 1[\s\S]*✗ approval-integrity/);
    // The scenario file is the config entry that keeps it as a regression case.
    expect(JSON.parse(readFileSync(minimal.file, 'utf8'))).toMatchObject({ name: minimal.scenario.name, approval: { decision: 'reject' }, faults: [] });
    expect(minimal.scenario.name).toMatch(/^explore-5-[\d-]+$/);
    // --seed --path gives back the very case.
    const again = await replayAgentPath({ ...base, seed: 5, path: minimal.path, outDir: out(), runCase: fakeAgent(notifiesTwice) });
    expect(again.ran.scenario).toEqual(minimal.scenario);
    expect(again.text).toMatch(/: fail/);
    // Every case is in explore.jsonl as it ends, shrinking and replays included.
    const phases = readFileSync(join(outDir, 'explore.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { phase: string }).phase);
    expect(new Set(phases)).toEqual(new Set(['explore', 'shrink', 'replay']));
  });

  it('shrinks a crash bug to the one fault that matters, on the fewest turns', async () => {
    const r = await exploreAgent({ ...base, seed: 2, runs: 60, outDir: out(), runCase: fakeAgent(refundsTwiceAfterCrash) });
    const { minimal } = r.failure!;
    expect(minimal.scenario.faults.map((f) => f.text)).toEqual(['crash-worker after-effect "POST payments.internal/v1/refunds" #1']);
    // The crash fires on a refund only where the script refunds: the shrinker keeps no turn the bug does not need.
    expect(minimal.scenario.model.length).toBe(1);
    expect(minimal.turns).toBe(1);
  });

  it('shrinks a bug only a slow refund shows (an error answer taken as final) to that one fault, when --faults names slow', async () => {
    const stopsOn409: Judge = (s) => [s.faults.some((f) => f.kind === 'slow') && refunds(s) ? fail('completes', 'the agent never tried again once #1 was done') : pass('completes')];
    const r = await exploreAgent({ ...base, seed: 3, runs: 40, faultKinds: ['slow', 'crash-worker after-effect', 'fails'], outDir: out(), runCase: fakeAgent(stopsOn409) });
    const { minimal } = r.failure!;
    expect(minimal.scenario.faults.map((f) => f.text)).toEqual(['slow "POST payments.internal/v1/refunds" #1']);
    expect(minimal.scenario.model.map((t) => ('tool' in t ? t.tool : 'text'))).toEqual(['issue_refund', 'text']);
    expect(r.failure!.replay).toMatch(/--faults slow,crash-after,fails$/);
    // Its coverage row has the one cell where a slow call is fair.
    expect(r.coverage.axes[0]!.rows.find((x) => x.id === 'slow')!.cells.map((c) => c.place)).toEqual(['POST payments.internal/v1/refunds']);
  });

  it('an agent that holds every property: no failure, every case passed and logged', async () => {
    const ran: AgentScenario[] = [];
    const r = await exploreAgent({ ...base, seed: 9, runs: 25, outDir: out(), runCase: fakeAgent(() => [pass('completes')], ran) });
    expect(r.failure).toBeUndefined();
    expect(r.cases).toMatchObject({ total: 25, passed: 25, failed: 0 });
    expect(ran).toHaveLength(25);
    // Varied: refunds and plain answers, both decisions, faults.
    expect(new Set(ran.map((s) => s.model.length)).size).toBeGreaterThan(1);
    expect(new Set(ran.map((s) => s.approval?.decision))).toEqual(new Set(['approve', 'reject', undefined]));
    expect(ran.some((s) => s.faults.length > 0)).toBe(true);
    // Its coverage counts every case once on the script axis, and reaches most fault cells.
    expect(r.coverage.of).toBe('explore');
    expect(r.coverage.axes.find((a) => a.id === 'script')!.rows[0]!.cells.reduce((n, c) => n + c.cases, 0)).toBe(25);
    expect(coverageCount(r.coverage).covered).toBeGreaterThan(coverageCount(r.coverage).total / 2);
  });

  it('writes report.json in the report model of a run: every explored case and the minimal one, which every format renders', async () => {
    const outDir = out();
    const r = await exploreAgent({ ...base, seed: 5, runs: 30, outDir, runCase: fakeAgent(notifiesTwice) });
    const report = readReport(join(outDir, 'report.json'));
    const explored = (readFileSync(join(outDir, 'explore.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { phase: string; id: string })).filter((c) => c.phase === 'explore');
    expect(report.cases.map((c) => c.scenario)).toEqual([...explored.map((c) => c.id), r.failure!.minimal.scenario.name]);
    expect(report.cases.at(-1)!.id).toBe(`approvals/${r.failure!.minimal.scenario.name}`);
    expect(report.cases.at(-1)).toMatchObject({ verdict: 'fail', repro: r.failure!.replay, faults: [] });
    expect(report.coverage).toEqual(r.coverage);
    expect(report.gate.passed).toBe(false);
    expect(report.scorecard.categories.find((c) => c.id === 'approvals')!.failed).toBeGreaterThan(0);
    expect(report.adapter.lacks).toBeDefined();
    for (const name of ['terminal', 'markdown', 'junit', 'html']) expect(reporters[name]!({ color: false }).render(report)).toContain(r.failure!.minimal.scenario.name);
    // summary.json is still written beside it.
    expect(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'))).toMatchObject({ seed: 5, cases: { total: r.cases.total } });
  });

  it('a path that does not exist for the seed is a usage error', async () => {
    await expect(replayAgentPath({ ...base, seed: 1, path: '0:999', outDir: out(), runCase: fakeAgent(() => []) })).rejects.toThrow(/--path "0:999" does not exist for seed 1/);
  });
});
