import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../faults/registry.js';
import { RESTART_ALLOWANCE_MS } from '../../timing.js';
import { scenarioArbitrary, type GenerateOptions } from './scenario.js';
import { exploreReplayCommand, generateOptionsFor } from '../options.js';

const base: GenerateOptions = { maxSteps: 6, faultKinds: FAULT_KINDS.filter((k) => k !== 'restart-runtime'), timeouts: true, restartAllowanceMs: RESTART_ALLOWANCE_MS };
const sample = (opts: GenerateOptions) => fc.sample(scenarioArbitrary(opts), { seed: 5, numRuns: 200 });

describe('exploration with policies (--policies)', () => {
  it('declares call budgets and approvals a correct runtime keeps, on the very plans and faults generated without them', () => {
    const withRules = sample({ ...base, policies: true });
    const without = sample(base);
    expect(withRules.map((s) => ({ ...s, policies: [] }))).toEqual(without);
    expect(without.every((s) => s.policies.length === 0)).toBe(true);
    const rules = withRules.flatMap((s) => s.policies);
    expect(rules.filter((p) => p.rule === 'call-budget').length).toBeGreaterThan(50);
    expect(rules.filter((p) => p.rule === 'needs-approval').length).toBeGreaterThan(5);
    // Judged only: an enforced rule would change what a correct run does.
    expect(rules.every((p) => !p.enforce)).toBe(true);
  });

  it('the flag reaches the options and the replay command', () => {
    expect(generateOptionsFor({}, { policies: true }).policies).toBe(true);
    const flags = { adapterArg: 'reference', seed: 3, maxSteps: 6, faultKinds: [], defaultKinds: [], timeoutMs: 10_000 };
    expect(exploreReplayCommand({ ...flags, policies: true }, '1:2')).toBe('npx agentcheck explore --adapter reference --seed 3 --path "1:2" --policies');
  });
});
