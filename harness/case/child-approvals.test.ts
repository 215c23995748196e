import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../adapter.js';
import { computeOracle } from '../oracle.js';
import { scenario } from '../checkers/fixtures.test-helpers.js';
import { runCase } from './run-case.js';

// An approval inside an agent's plan (decision 0112): the oracle expects the child's
// decision like any other, and a runtime that cannot route it to the child skips the
// case with its reason instead of running it.
const childAsks = scenario({
  category: 'multi-agent',
  plan: {
    name: 'support',
    steps: [
      {
        kind: 'agent',
        id: 'ask-billing',
        agent: 'billing',
        plan: { steps: [{ kind: 'approval', id: 'approve-refund', timeoutMs: 1000, approved: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }], rejected: [{ kind: 'tool', id: 'note', tool: 'crm.note', mode: 'write' }] }] },
      },
    ],
  },
  decisions: { 'approve-refund': 'approve' },
});

describe('a case with an approval inside a child', () => {
  it('expects the child\'s decision, its branch taken and the other forbidden, and needs child-approvals', () => {
    const oracle = computeOracle(childAsks);
    expect(oracle.decisions).toEqual({ 'approve-refund': 'approved' });
    expect(oracle.output.decisions).toEqual({});
    expect(oracle.taken.has('refund') && oracle.forbidden.has('note')).toBe(true);
    expect(oracle.needs).toEqual(['agent-steps', 'child-approvals']);
  });

  it('is skipped, with the reason, on a runtime that cannot route a decision to a child', async () => {
    const adapter: Adapter = {
      name: 'no-child-approvals',
      description: 'a runtime whose children cannot wait for a human',
      lacks: { 'child-approvals': 'its sub-agents run as plain function calls, with no wait of their own to answer' },
      openCase: () => Promise.reject(new Error('a skipped case opens nothing')),
    };
    const result = await runCase({ adapter, scenario: childAsks, seed: 1, outDir: mkdtempSync(join(tmpdir(), 'agentcheck-child-approvals-')), timeoutMs: 1000, repro: '' });
    expect(result.verdict).toBe('skipped');
    expect(result.skipReason).toBe('child-approvals: its sub-agents run as plain function calls, with no wait of their own to answer');
  });
});
