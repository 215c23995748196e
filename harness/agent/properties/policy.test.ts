import { describe, expect, it } from 'vitest';
import type { LedgerEvent, Outcome } from '../../ledger/events.js';
import { Policy } from '../../policy/schema.js';
import { agentPolicyGate, policy } from './policy.js';
import type { AgentHistory } from './history.js';

// Your own agent's rules name routes: hand-built worlds where `policy` must fail and pass.
let seq = 0;
const REFUNDS = 'POST payments.internal/v1/refunds';
function call(kind: 'llm' | 'tool', outcome: Outcome, t: number, reason?: string): LedgerEvent {
  seq++;
  const label = kind === 'llm' ? 'chat.completions' : REFUNDS;
  return {
    runId: 'r', stepId: kind === 'llm' ? `chat.completions turn ${seq}` : REFUNDS, kind, ...(kind === 'llm' ? { tokens: 400 } : { mode: 'write' as const }),
    seq, attempt: 1, outcome, receivedAt: t, finishedAt: t + 1, ...(reason ? { reason } : {}),
    call: { label, host: 'x', method: 'POST', path: '/', nth: seq, bodyDigest: `b${seq}` },
  };
}
const rules = (...p: unknown[]) => p.map((x) => Policy.parse(x));
const history = (events: LedgerEvent[], extra: Partial<AgentHistory>): AgentHistory => ({ events, finalTurn: 2, faults: [], killedAt: [], ...extra });

describe('policy on your own agent', () => {
  const needsApproval = rules({ rule: 'needs-approval', tool: REFUNDS, approval: 'manager' });

  it('passes a refund sent after the person began approving, and fails one sent before, naming the fault it came after', () => {
    const ok = policy.check(history([call('tool', 'applied', 500)], { policies: needsApproval, decisionSent: { decision: 'approve', at: 400 } }))!;
    expect(ok.verdict).toBe('pass');
    const early = policy.check(history([call('tool', 'applied', 300)], { policies: needsApproval, decisionSent: { decision: 'approve', at: 400 }, faults: [{ text: 'crash-worker after-effect chat.completions#1', at: 200 }] }))!;
    expect(early.verdict).toBe('fail');
    expect(early.evidence[0].message).toMatch(/^rule 1 \(needs-approval: POST payments.internal\/v1\/refunds only after manager is approved\) broken: .*before a human approved manager, after crash-worker after-effect chat.completions#1$/);
    expect(policy.check(history([call('tool', 'applied', 500)], { policies: needsApproval, decisionSent: { decision: 'reject', at: 400 } }))?.verdict).toBe('fail');
  });

  // Several decisions (decision 0106): a refund answers to the decision of its turn, not to the run's first.
  it('with several decisions, a refund needs the approval of its own turn: sent after it, and an approval', () => {
    const turn = (n: number, t: number): LedgerEvent => ({ ...call('llm', 'applied', t), stepId: `chat.completions turn ${n}` });
    const decisions = (second: 'approve' | 'reject') => ({ policies: needsApproval, decisions: [{ afterTurn: 1, decision: 'approve' as const, sentAt: 100 }, { afterTurn: 2, decision: second, sentAt: 300 }] });
    const waited = [turn(1, 50), call('tool', 'applied', 150), turn(2, 250), call('tool', 'applied', 350), turn(3, 400)];
    expect(policy.check(history(waited, decisions('approve')))?.verdict).toBe('pass');
    // The second refund goes ahead on the first approval, before the person was asked about it.
    const reused = [turn(1, 50), call('tool', 'applied', 150), turn(2, 250), call('tool', 'applied', 260), turn(3, 400)];
    const early = policy.check(history(reused, decisions('approve')))!;
    expect(early.verdict).toBe('fail');
    expect(early.evidence[0].message).toMatch(/before a human approved manager/);
    expect(policy.check(history(reused, decisions('reject')))!.evidence[0].message).toMatch(/and no human ever approved manager/);
    // The enforced gate reads the same decision: the first refund passes, the second is refused.
    const gate = agentPolicyGate(rules({ rule: 'needs-approval', tool: REFUNDS, approval: 'manager', enforce: true }), decisions('reject'));
    expect(gate(call('tool', 'applied', 150), 150, [turn(1, 50)])).toBeUndefined();
    expect(gate(call('tool', 'applied', 350), 350, [turn(1, 50), turn(2, 250)])).toMatch(/no human ever approved manager/);
  });

  it('counts re-run model calls against the token budget', () => {
    const budget = rules({ rule: 'token-budget', tokens: 800 });
    expect(policy.check(history([call('llm', 'applied', 1), call('llm', 'applied', 2)], { policies: budget }))?.verdict).toBe('pass');
    expect(policy.check(history([call('llm', 'applied', 1), call('llm', 'response-lost', 2), call('llm', 'applied', 3)], { policies: budget }))?.verdict).toBe('fail');
  });

  it('the gate refuses a forbidden route, and asking for it more than 3 times fails', () => {
    const forbidden = rules({ rule: 'forbidden-tool', tool: REFUNDS, enforce: true });
    const gate = agentPolicyGate(forbidden, {});
    const reason = gate(call('tool', 'applied', 1), 1, []);
    expect(reason).toBe(`policy forbidden-tool: ${REFUNDS} (enforced): ${REFUNDS} called ${REFUNDS}, which this agent may not call`);
    expect(gate(call('llm', 'applied', 1), 1, [])).toBeUndefined();
    const once = [call('tool', 'refused', 1, reason)];
    expect(policy.check(history(once, { policies: forbidden }))).toMatchObject({ verdict: 'pass', evidence: [{ message: '1 rule(s) kept; 1 call(s) refused' }] });
    const again = [1, 2, 3, 4].map((t) => call('tool', 'refused', t, reason));
    expect(policy.check(history(again, { policies: forbidden }))?.evidence[0].message).toContain('asked for 4 times: a refusal is final');
  });

  it('is not exercised without policies', () => {
    expect(policy.check(history([call('tool', 'applied', 1)], {}))).toBeUndefined();
  });
});
