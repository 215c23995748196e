import { describe, expect, it } from 'vitest';
import { completes } from './completes.js';
import { correctOutput } from './correct-output.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';
import { MAX_REFUSED_ASKS, policy } from './policy.js';
import { noPhantomEffects } from './no-phantom-effects.js';

const refundAfterApproval = scenario({
  plan: {
    name: 'refund',
    steps: [
      { kind: 'llm', id: 'draft', tokens: 1000 },
      {
        kind: 'approval',
        id: 'approve-refund',
        timeoutMs: 2000,
        approved: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'tell-customer', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-refund': 'approve' },
  faults: [{ kind: 'crash-worker', step: 'draft', at: 'after-effect' }],
  policies: [
    { rule: 'needs-approval', tool: 'payments.refund', approval: 'approve-refund' },
    { rule: 'token-budget', tokens: 2000 },
    { rule: 'call-budget', tool: 'payments.refund', calls: 1 },
  ],
});

const approvalAt = (h: HistoryBuilder, at: number) => h.event({ type: 'op', op: 'deliver-approval', phase: 'invoke', step: 'approve-refund', decision: 'approve', at });

describe('policy: rules judged from the ledger', () => {
  it('passes when the refund follows the approval, one model re-run stays in budget and a repeat is deduplicated', () => {
    const h = new HistoryBuilder()
      .effect('draft', 'response-lost', 10, { kind: 'llm' })
      .effect('draft', 'applied', 400, { kind: 'llm' })
      .effect('approve-refund', 'applied', 500, { kind: 'approval-request' });
    approvalAt(h, 600)
      .effect('refund', 'applied', 700, { tool: 'payments.refund', key: 'k' })
      .effect('refund', 'deduplicated', 900, { tool: 'payments.refund', key: 'k' })
      .completed({});
    expect(policy.check(h.input(refundAfterApproval))).toMatchObject({ verdict: 'pass', evidence: [{ message: '3 rule(s) kept' }] });
  });

  it('fails a refund made before the human approved, naming the rule, the call and the fault it came after', () => {
    const h = new HistoryBuilder()
      .effect('draft', 'applied', 10, { kind: 'llm' })
      .event({ type: 'fault', fault: 0, kind: 'crash-worker', action: 'crash', at: 20 })
      .event({ type: 'fault', fault: 0, kind: 'crash-worker', action: 'drawn', at: 0 })
      .effect('refund', 'applied', 300, { tool: 'payments.refund', key: 'k' });
    approvalAt(h, 600).completed({});
    const r = policy.check(h.input(refundAfterApproval))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({ step: 'refund', attempts: [1], fault: 'after crash-worker after-effect draft (down 200 ms) at +20ms' });
    expect(r.evidence[0].message).toContain('rule 1 (needs-approval: payments.refund only after approve-refund is approved) broken: refund called payments.refund before a human approved approve-refund');
  });

  it('fails a refund no human ever approved (an approval meant for another run does not count)', () => {
    const h = new HistoryBuilder()
      .event({ type: 'op', op: 'deliver-approval', phase: 'invoke', step: 'approve-refund', decision: 'reject', at: 100 })
      .effect('refund', 'applied', 300, { tool: 'payments.refund' })
      .completed({});
    const r = policy.check(h.input(refundAfterApproval))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('no human ever approved approve-refund');
  });

  it('counts replayed model calls against the token budget, naming the call that crossed it', () => {
    const h = new HistoryBuilder()
      .effect('draft', 'applied', 10, { kind: 'llm' })
      .effect('draft', 'applied', 400, { kind: 'llm' })
      .effect('draft', 'applied', 800, { kind: 'llm' })
      .effect('draft', 'applied', 1200, { kind: 'llm' })
      .completed({});
    const r = policy.check(h.input(refundAfterApproval))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'draft', attempts: [3], fault: 'no fault before it' });
    expect(r.evidence[0].message).toMatch(/rule 2 \(token-budget: 2000 tokens per run\) broken: draft spent 1000 tokens on top of 2000, past the run's budget of 2000 .*, and 1 later call\(s\) too/);
  });

  it('fails a tool called more often than its budget, and ignores failed attempts and other runs', () => {
    const h = new HistoryBuilder();
    approvalAt(h, 100)
      .effect('refund', 'failed', 200, { tool: 'payments.refund' })
      .effect('refund', 'applied', 300, { tool: 'payments.refund' })
      .effect('refund', 'applied', 300, { tool: 'payments.refund', runId: 'another-run' })
      .completed({});
    expect(policy.check(h.input(refundAfterApproval))?.verdict).toBe('pass');
    h.effect('refund', 'response-lost', 500, { tool: 'payments.refund' });
    const r = policy.check(h.input(refundAfterApproval))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('refund was call 2 of payments.refund, past the run\'s budget of 1');
  });

  it('is not exercised by a scenario without policies', () => {
    const s = scenario({ plan: { name: 'p', steps: [{ kind: 'tool', id: 'r', tool: 't', mode: 'read' }] } });
    expect(policy.check(new HistoryBuilder().completed({}).input(s))).toBeUndefined();
  });
});

const dropTable = scenario({
  plan: {
    name: 'cleanup',
    steps: [
      { kind: 'tool', id: 'list-tables', tool: 'db.list', mode: 'read' },
      { kind: 'tool', id: 'drop-table', tool: 'db.drop', mode: 'write' },
      { kind: 'tool', id: 'report', tool: 'chat.post', mode: 'write' },
    ],
  },
  policies: [{ rule: 'forbidden-tool', tool: 'db.drop', enforce: true }],
});
const REASON = 'policy forbidden-tool: db.drop (enforced): drop-table called db.drop, which this agent may not call';

describe('policy: what the run does with a refused call', () => {
  it('the oracle ends the run at the refused call: nothing after it is on the path', () => {
    const input = new HistoryBuilder().input(dropTable);
    expect(input.oracle.refused).toMatchObject({ step: 'drop-table', index: 0, nested: false });
    expect([...input.oracle.taken]).toEqual(['list-tables']);
    expect([...input.oracle.forbidden]).toEqual(['report']);
  });

  it('passes a run that failed at the refusal, asking once', () => {
    const input = new HistoryBuilder()
      .effect('list-tables', 'applied', 10, { tool: 'db.list' })
      .effect('drop-table', 'refused', 20, { tool: 'db.drop', reason: REASON })
      .failed('drop-table: HTTP 403')
      .input(dropTable);
    expect(policy.check(input)).toMatchObject({ verdict: 'pass', evidence: [{ message: '1 rule(s) kept; drop-table was refused and the run failed there' }] });
    expect(completes.check(input)?.verdict).toBe('pass');
    expect(correctOutput.check(input)).toBeUndefined();
  });

  it(`fails a run that asks for a refused call more than ${MAX_REFUSED_ASKS} times`, () => {
    const h = new HistoryBuilder().effect('list-tables', 'applied', 10, { tool: 'db.list' });
    for (let i = 0; i <= MAX_REFUSED_ASKS; i++) h.effect('drop-table', 'refused', 20 + 100 * i, { tool: 'db.drop', reason: REASON });
    const r = policy.check(h.input(dropTable))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'drop-table', attempts: [1, 2, 3, 4] });
    expect(r.evidence[0].message).toContain(`asked for ${MAX_REFUSED_ASKS + 1} times: a refusal is final`);
  });

  it('fails a run that skips the refused call silently and goes on to the next step', () => {
    const input = new HistoryBuilder()
      .effect('list-tables', 'applied', 10, { tool: 'db.list' })
      .effect('drop-table', 'refused', 20, { tool: 'db.drop', reason: REASON })
      .effect('report', 'applied', 40, { tool: 'chat.post' })
      .completed({})
      .input(dropTable);
    const r = policy.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence.map((e) => e.message)).toEqual([
      expect.stringContaining('the run went on after drop-table was refused: report #1'),
      expect.stringContaining('the run completed although drop-table was refused'),
    ]);
    expect(completes.check(input)?.verdict).toBe('fail');
    expect(noPhantomEffects.check(input)?.verdict).toBe('fail');
  });

  it('is unknown while a refused run neither failed nor completed, and fails a completed run that never asked', () => {
    const asked = new HistoryBuilder().effect('drop-table', 'refused', 20, { tool: 'db.drop', reason: REASON }).input(dropTable);
    expect(policy.check(asked)?.verdict).toBe('unknown');
    const never = new HistoryBuilder().effect('list-tables', 'applied', 10, { tool: 'db.list' }).completed({}).input(dropTable);
    expect(policy.check(never)).toMatchObject({ verdict: 'fail', evidence: [{ step: 'drop-table' }] });
  });

  it('a refusal for a missing run token is not a policy refusal', () => {
    const input = new HistoryBuilder()
      .effect('list-tables', 'applied', 10, { tool: 'db.list' })
      .effect('drop-table', 'refused', 20, { tool: 'db.drop', reason: 'missing or wrong run token' })
      .effect('drop-table', 'refused', 30, { tool: 'db.drop', reason: REASON })
      .failed('403')
      .input(dropTable);
    expect(policy.check(input)?.verdict).toBe('pass');
  });
});

describe('policy: what a scenario may declare', () => {
  it('refuses a needs-approval rule naming a step that is not an approval, and an enforced refusal inside a parallel branch', () => {
    expect(() => scenario({ plan: { name: 'p', steps: [{ kind: 'tool', id: 'a', tool: 't', mode: 'write' }] }, policies: [{ rule: 'needs-approval', tool: 't', approval: 'a' }] })).toThrow(
      /is a tool step; a needs-approval rule needs a approval step/,
    );
    const parallel = { kind: 'parallel' as const, id: 'both', branches: [[{ kind: 'tool' as const, id: 'a', tool: 't', mode: 'write' as const }], [{ kind: 'tool' as const, id: 'b', tool: 'u', mode: 'write' as const }]] };
    expect(() => scenario({ plan: { name: 'p', steps: [parallel] }, policies: [{ rule: 'forbidden-tool', tool: 't', enforce: true }] })).toThrow(/inside a parallel branch or an agent's plan/);
    expect(() => scenario({ plan: { name: 'p', steps: [parallel] }, policies: [{ rule: 'forbidden-tool', tool: 't' }] })).not.toThrow();
  });
});
