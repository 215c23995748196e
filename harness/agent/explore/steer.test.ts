import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageCount, uncovered } from '../../report/coverage.js';
import type { AgentScenario } from '../config.js';
import type { AgentCaseResult } from '../run-case.js';
import { langgraphLike } from './config.test-helpers.js';
import { exploreAgent, replayAgentPath, type AgentRanCase } from './explore.js';

// Which cases a search chooses does not depend on how they ran: an agent that passes at
// once stands in for yours, and the cells reached are the generator's and the steering's alone.
const passes = async (_c: unknown, _d: string, s: AgentScenario, seed: number): Promise<AgentCaseResult> => ({ scenario: s.name, seed, verdict: 'pass', properties: [], notes: [], wastedTokens: 0, durationMs: 1, history: { events: [], finalTurn: s.model.length, faults: [], killedAt: [] } });
const base = { config: langgraphLike, configFile: 'agentcheck.config.ts', dir: process.cwd(), runCase: passes };
const out = () => mkdtempSync(join(tmpdir(), 'agent-steer-'));
const BUDGET = 20;

describe('explore on your own agent, steered by its coverage', () => {
  for (const seed of [1, 2, 3]) {
    it(`reaches every cell of the config's coverage within ${BUDGET} cases on seed ${seed}; a blind draw of the same budget does not`, async () => {
      const steered = await exploreAgent({ ...base, seed, runs: BUDGET, outDir: out() });
      const blind = await exploreAgent({ ...base, seed, runs: BUDGET, outDir: out(), steer: false });
      expect([steered.cases.total, blind.cases.total]).toEqual([BUDGET, BUDGET]);
      expect([steered.steered, blind.steered]).toEqual([true, false]);
      expect(coverageCount(steered.coverage).total).toBe(coverageCount(blind.coverage).total);
      expect(uncovered(steered.coverage)).toEqual([]);
      expect(uncovered(blind.coverage).length, 'the blind draw on the same seed and budget').toBeGreaterThan(0);
    });
  }

  it('chooses the same cases for the same seed, each replayable from its path', async () => {
    const ran = (into: AgentRanCase[]) => (c: AgentRanCase) => void into.push(c);
    const [a, b]: AgentRanCase[][] = [[], []];
    await exploreAgent({ ...base, seed: 4, runs: 10, outDir: out(), onCaseEnd: ran(a) });
    await exploreAgent({ ...base, seed: 4, runs: 10, outDir: out(), onCaseEnd: ran(b) });
    expect(b.map((c) => c.record.path)).toEqual(a.map((c) => c.record.path));
    // A chosen case's path is its place in the seed's stream, skipped candidates included.
    expect(Number(a.at(-1)!.record.path)).toBeGreaterThanOrEqual(10);
    const again = await replayAgentPath({ ...base, seed: 4, path: a.at(-1)!.record.path, outDir: out() });
    expect(again.ran.scenario).toEqual(a.at(-1)!.scenario);
  });
});
