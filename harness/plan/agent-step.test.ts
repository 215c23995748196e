import { describe, expect, it } from 'vitest';
import { Plan, type Step } from './schema.js';
import { executePlan, agentResult, childRunId } from './execute.js';
import { allSteps } from './walk.js';

const agent = (id: string, steps: unknown[]) => ({ kind: 'agent', id, agent: 'billing', plan: { steps } });
const issues = (steps: unknown[]) => {
  const r = Plan.safeParse({ name: 'p', steps });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the agent step', () => {
  it('holds a plan of its own, whose steps count as the plan\'s', () => {
    const plan = Plan.parse({ name: 'p', steps: [{ kind: 'llm', id: 'a' }, agent('ask', [{ kind: 'tool', id: 'refund', tool: 'pay', mode: 'write' }])] });
    expect(allSteps(plan).map((s) => s.id)).toEqual(['a', 'ask', 'refund']);
  });

  it('takes an approval inside an agent\'s plan (decision 0112); refuses nesting past three, and an id used in parent and child', () => {
    expect(issues([agent('ask', [{ kind: 'approval', id: 'ok', timeoutMs: 100 }])])).toEqual([]);
    const deep = agent('a1', [agent('a2', [agent('a3', [agent('a4', [{ kind: 'llm', id: 'x' }])])])]);
    expect(issues([deep])).toEqual([expect.stringMatching(/agents nest at most 3 deep \(this one is 4 deep\)/)]);
    expect(issues([{ kind: 'llm', id: 'x' }, agent('ask', [{ kind: 'llm', id: 'x' }])])).toEqual([expect.stringMatching(/step id "x" is used twice/)]);
  });

  it('is run by the interpreter\'s agent primitive, and refused by one without it', async () => {
    const steps = [agent('ask', [{ kind: 'llm', id: 'think' }])] as Step[];
    const child = { results: { think: 'v' }, decisions: {} };
    const output = await executePlan({ steps }, { effect: async () => 'v', approval: async () => 'approved', sleep: async () => undefined, agent: async (s) => agentResult(await executePlan(s.plan, { effect: async () => 'v', approval: async () => 'approved', sleep: async () => undefined })) });
    expect(output.results).toEqual({ ask: agentResult(child) });
    await expect(executePlan({ steps }, { effect: async () => 'v', approval: async () => 'approved', sleep: async () => undefined })).rejects.toThrow('agent step "ask": this interpreter does not run agent steps');
    expect(childRunId('run-1', { id: 'ask' })).toBe('run-1/ask');
  });
});
