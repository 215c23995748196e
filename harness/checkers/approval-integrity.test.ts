import { describe, expect, it } from 'vitest';
import { approvalIntegrity } from './approval-integrity.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';
import { agentResult } from '../plan/execute.js';

const plan = {
  name: 'access',
  steps: [
    { kind: 'llm' as const, id: 'review' },
    {
      kind: 'approval' as const,
      id: 'may-grant',
      timeoutMs: 1000,
      approved: [{ kind: 'tool' as const, id: 'grant', tool: 'iam', mode: 'write' as const }],
      rejected: [{ kind: 'tool' as const, id: 'deny', tool: 'mail', mode: 'write' as const }],
    },
  ],
};

describe('approval-integrity', () => {
  const early = scenario({ category: 'approvals', plan, decisions: { 'may-grant': 'approve' }, faults: [{ kind: 'approve-early', step: 'may-grant' }] });

  it('passes when an early approval is kept', () => {
    const input = new HistoryBuilder().delivered('may-grant', 5).effect('grant', 'applied', 400).completed({ decisions: { 'may-grant': 'approved' } }).input(early);
    expect(approvalIntegrity.check(input)?.verdict).toBe('pass');
  });

  it('fails when an early approval was lost, saying so', () => {
    const r = approvalIntegrity.check(new HistoryBuilder().delivered('may-grant', 5).completed({ decisions: { 'may-grant': 'timed-out' } }).input(early))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'may-grant' });
    expect(r.evidence[0].message).toContain('before the run waited was lost');
  });

  it('fails when a late approval changed the outcome', () => {
    const late = scenario({ category: 'approvals', plan, decisions: { 'may-grant': 'approve' }, faults: [{ kind: 'approve-late', step: 'may-grant' }] });
    const r = approvalIntegrity.check(new HistoryBuilder().delivered('may-grant', 1500).completed({ decisions: { 'may-grant': 'approved' } }).input(late))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('after the timeout changed the outcome');
  });

  it('fails when the approved branch started before any approval was given', () => {
    const s = scenario({ category: 'approvals', plan, decisions: { 'may-grant': 'approve' } });
    const r = approvalIntegrity.check(new HistoryBuilder().effect('grant', 'applied', 10).delivered('may-grant', 50).completed({ decisions: { 'may-grant': 'approved' } }).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('before any decision was given');
  });

  it('is unknown when the run did not complete, and not exercised without approvals', () => {
    const s = scenario({ category: 'approvals', plan, decisions: { 'may-grant': 'approve' } });
    expect(approvalIntegrity.check(new HistoryBuilder().input(s))?.verdict).toBe('unknown');
    const none = scenario({ plan: { name: 'p', steps: [{ kind: 'llm', id: 'x' }] } });
    expect(approvalIntegrity.check(new HistoryBuilder().completed({}).input(none))).toBeUndefined();
  });

  describe('an approval inside a child (decision 0112)', () => {
    // The same approval, asked by the billing agent: its decision is in the output the parent got.
    const inChild = scenario({ category: 'multi-agent', plan: { name: 'support', steps: [{ kind: 'agent', id: 'ask-billing', agent: 'billing', plan: { steps: plan.steps } }] }, decisions: { 'may-grant': 'approve' } });
    const parentGot = (decision: 'approved' | 'timed-out') => ({ results: { 'ask-billing': agentResult({ results: { review: 'r', grant: 'g' }, decisions: { 'may-grant': decision } }) } });

    it('passes when the child took the human\'s decision and reported it to its parent', () => {
      const input = new HistoryBuilder().delivered('may-grant', 100).effect('grant', 'applied', 400, { childRun: 'run-1/ask-billing' }).completed(parentGot('approved')).input(inChild);
      expect(approvalIntegrity.check(input)?.verdict).toBe('pass');
    });

    it('fails when the child timed out on an approval the human gave (delivered where no one waits)', () => {
      const r = approvalIntegrity.check(new HistoryBuilder().delivered('may-grant', 100).completed(parentGot('timed-out')).input(inChild))!;
      expect(r.verdict).toBe('fail');
      expect(r.evidence[0]).toMatchObject({ step: 'may-grant' });
      expect(r.evidence[0].message).toContain('expected approved, the run took timed-out');
    });

    it('fails when the child\'s branch took effect before the human answered', () => {
      const r = approvalIntegrity.check(new HistoryBuilder().effect('grant', 'applied', 10, { childRun: 'run-1/ask-billing' }).delivered('may-grant', 100).completed(parentGot('approved')).input(inChild))!;
      expect(r.verdict).toBe('fail');
      expect(r.evidence[0].message).toContain('before any decision was given');
    });
  });

  describe('the request to the human', () => {
    const crashWhileWaiting = scenario({ category: 'approvals', plan, decisions: { 'may-grant': 'approve' }, faults: [{ kind: 'crash-worker', step: 'may-grant', at: 'waiting' }] });
    const asked = (second: { outcome: 'applied' | 'deduplicated'; key?: string }, killedAt = 500) =>
      new HistoryBuilder()
        .effect('may-grant', 'applied', 0, { pid: 1, kind: 'approval-request', ...(second.key ? { key: second.key } : {}) })
        .killed(1, killedAt)
        .effect('may-grant', second.outcome, 800, { pid: 2, kind: 'approval-request', ...(second.key ? { key: second.key } : {}) })
        .delivered('may-grant', 900)
        .effect('grant', 'applied', 1000, { pid: 2 })
        .completed({ decisions: { 'may-grant': 'approved' } })
        .input(crashWhileWaiting);

    it('fails when the human is asked again after a crash during the wait, with both requests', () => {
      const r = approvalIntegrity.check(asked({ outcome: 'applied' }))!;
      expect(r.verdict).toBe('fail');
      expect(r.evidence[0]).toMatchObject({ step: 'may-grant', attempts: [1, 2] });
      expect(r.evidence[0].message).toContain('asked for may-grant 2 times');
    });

    it('passes a request re-sent with the same idempotency key (the outside world deduplicated it)', () => {
      expect(approvalIntegrity.check(asked({ outcome: 'deduplicated', key: 'run-1/may-grant/request' }))?.verdict).toBe('pass');
    });

    it('passes a request re-sent because the worker died before it could record the first', () => {
      expect(approvalIntegrity.check(asked({ outcome: 'applied' }, 20))?.verdict).toBe('pass');
    });
  });
});
