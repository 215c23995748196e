import { describe, expect, it } from 'vitest';
import { Plan } from './schema.js';
import { agentResult } from './execute.js';
import { agentsAround, decisionsTaken, runWaitingAt } from './child-approvals.js';

const agent = (id: string, steps: unknown[]) => ({ kind: 'agent', id, agent: id, plan: { steps } });
const approval = (id: string, approved: unknown[] = []) => ({ kind: 'approval', id, timeoutMs: 100, approved });
const plan = Plan.parse({
  name: 'support',
  steps: [approval('ok-parent', [agent('ask-billing', [approval('ok-refund'), agent('ask-ledger', [approval('ok-ledger')])])])],
});

describe('an approval inside a child', () => {
  it('is waited on by the child run whose plan holds it, nested ones by their own child', () => {
    expect(agentsAround(plan, 'ok-parent')).toEqual([]);
    expect(agentsAround(plan, 'ok-refund').map((a) => a.id)).toEqual(['ask-billing']);
    expect(runWaitingAt(plan, 'run-1', 'ok-parent')).toBe('run-1');
    expect(runWaitingAt(plan, 'run-1', 'ok-refund')).toBe('run-1/ask-billing');
    expect(runWaitingAt(plan, 'run-1', 'ok-ledger')).toBe('run-1/ask-billing/ask-ledger');
  });

  it('is read back from the child\'s output the parent got, and a result that is no output adds nothing', () => {
    const grandchild = { results: {}, decisions: { 'ok-ledger': 'rejected' as const } };
    const child = { results: { 'ask-ledger': agentResult(grandchild) }, decisions: { 'ok-refund': 'approved' as const } };
    const output = { results: { 'ask-billing': agentResult(child) }, decisions: { 'ok-parent': 'approved' as const } };
    expect(decisionsTaken(output, plan)).toEqual({ 'ok-parent': 'approved', 'ok-refund': 'approved', 'ok-ledger': 'rejected' });
    expect(decisionsTaken({ results: { 'ask-billing': 'not json' }, decisions: { 'ok-parent': 'approved' } }, plan)).toEqual({ 'ok-parent': 'approved' });
  });
});
