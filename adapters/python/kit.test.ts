import { describe, expect, it, beforeAll } from 'vitest';
import { execa } from 'execa';
import { join } from 'node:path';
import { packageRoot } from '../../harness/paths.js';
import { agentResult, executePlan, allSteps, type Primitives } from '../../harness/plan/index.js';
import { builtInScenarioIds, loadBuiltIn } from '../../harness/scenario/discover.js';
import { ensurePythonVenv, VENV_PYTHON } from './venv.js';

// The Python kit (python/agentcheck_kit) is tested by its own pytest suite, run here so
// `npm test` runs it; and its plan walk is checked against executePlan on every
// built-in scenario's plan, so both languages run the same agent.

describe('the Python kit', () => {
  beforeAll(async () => void (await ensurePythonVenv()), 300_000);

  it('passes its pytest suite', async () => {
    const res = await execa(VENV_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', join(packageRoot, 'python', 'tests')], { reject: false, all: true });
    expect(res.exitCode, res.all).toBe(0);
    expect(res.all).toMatch(/\d+ passed/);
  });

  it('walks every built-in plan as executePlan does, for each decision', async () => {
    // Agent steps run their own plan with the same answers, so an agent step's result (agentResult) is compared too.
    const scenarios = await Promise.all(builtInScenarioIds().map(loadBuiltIn));
    const cases = scenarios.flatMap((s) =>
      (['approved', 'rejected', 'timed-out'] as const).map((d) => ({
        plan: s.plan,
        decisions: Object.fromEntries(allSteps(s.plan).filter((st) => st.kind === 'approval').map((st) => [st.id, d])),
      })),
    );
    expect(cases.length).toBeGreaterThan(20);
    const expected = await Promise.all(
      cases.map((c) => {
        const scripted: Primitives = {
          effect: async (step) => `${step.id}:answer`,
          approval: async (step) => c.decisions[step.id] ?? 'timed-out',
          sleep: async () => undefined,
          agent: async (step) => agentResult(await executePlan(step.plan, scripted)),
        };
        return executePlan(c.plan, scripted);
      }),
    );
    const res = await execa(VENV_PYTHON, [join(packageRoot, 'python', 'tests', 'walk_plans.py')], { input: JSON.stringify(cases) });
    expect(JSON.parse(res.stdout)).toEqual(expected);
  });
});
