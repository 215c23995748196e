import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AGENT_DEPTH, type Step } from '../../plan/schema.js';
import { allSteps } from '../../plan/walk.js';
import { FAULT_KINDS } from '../../faults/registry.js';
import { Scenario } from '../../scenario/schema.js';
import { RESTART_ALLOWANCE_MS } from '../../timing.js';
import { scenarioArbitrary, type GenerateOptions } from './scenario.js';
import { exploreReplayCommand, generateOptionsFor } from '../options.js';

const base: GenerateOptions = { maxSteps: 6, faultKinds: FAULT_KINDS.filter((k) => k !== 'restart-runtime'), timeouts: true, restartAllowanceMs: RESTART_ALLOWANCE_MS };
const sample = (opts: GenerateOptions) => fc.sample(scenarioArbitrary(opts), { seed: 5, numRuns: 300 });

/** How deep agent steps nest in a list of steps. */
const depth = (steps: Step[]): number => Math.max(0, ...steps.map((s) => (s.kind === 'agent' ? 1 + depth(s.plan.steps) : s.kind === 'approval' ? depth([...s.approved, ...s.rejected]) : s.kind === 'parallel' ? depth(s.branches.flat()) : 0)));

describe('exploration with agent steps (--agents)', () => {
  it('generates valid agent steps, nested at most two deep, with plain llm, tool and agent steps inside', () => {
    const cases = sample({ ...base, agents: true });
    const agents = cases.flatMap((c) => allSteps(c.plan).filter((s) => s.kind === 'agent'));
    expect(agents.length).toBeGreaterThan(30);
    expect(cases.some((c) => depth(c.plan.steps) === 2)).toBe(true);
    for (const c of cases) {
      expect(Scenario.safeParse(c).success).toBe(true);
      expect(depth(c.plan.steps)).toBeLessThanOrEqual(Math.min(2, MAX_AGENT_DEPTH));
    }
    for (const a of agents) for (const inner of a.kind === 'agent' ? a.plan.steps : []) expect(['llm', 'tool', 'agent']).toContain(inner.kind);
  });

  it('strikes an agent step only with a process fault at its child\'s start, and some cases do', () => {
    const cases = sample({ ...base, agents: true });
    const onAgents = cases.flatMap((c) => c.faults.filter((f) => 'step' in f && allSteps(c.plan).some((s) => s.kind === 'agent' && s.id === f.step)));
    expect(onAgents.length).toBeGreaterThan(0);
    for (const f of onAgents) expect(['crash-worker', 'second-worker']).toContain(f.kind);
  });

  it('is off by default, and for an adapter that cannot run agent steps; the replay command carries the flag', () => {
    expect(sample(base).some((c) => allSteps(c.plan).some((s) => s.kind === 'agent'))).toBe(false);
    expect(generateOptionsFor({ lacks: { 'agent-steps': 'not yet' } }, { agents: true }).agents).toBeUndefined();
    expect(generateOptionsFor({}, { agents: true }).agents).toBe(true);
    const flags = { adapterArg: 'reference', seed: 3, maxSteps: 6, faultKinds: [], defaultKinds: [], timeoutMs: 10_000 };
    expect(exploreReplayCommand({ ...flags, agents: true }, '1:2')).toBe('npx agentcheck explore --adapter reference --seed 3 --path "1:2" --agents');
    expect(exploreReplayCommand(flags, '1:2')).not.toContain('--agents');
  });
});
