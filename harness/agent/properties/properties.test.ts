import { describe, expect, it } from 'vitest';
import type { LedgerEvent, Outcome } from '../../ledger/events.js';
import type { AgentHistory } from './history.js';
import { judgeAgentRun } from './index.js';
import { wastedTokens } from './model-calls-once.js';

// Hand-built worlds: each property on a history where it must fail and one where it must pass.
let seq = 0;
const at = (t: number) => ({ receivedAt: t, finishedAt: t + 1 });
function model(turn: number, outcome: Outcome, t = seq): LedgerEvent {
  seq++;
  return { runId: 'r', stepId: `chat.completions turn ${turn}`, kind: 'llm', tokens: 440, seq, attempt: 1, outcome, ...at(t), call: { label: 'chat.completions', host: 'api.openai.com', method: 'POST', path: '/v1/chat/completions', bodyDigest: `m${turn}` } };
}
function refund(outcome: Outcome, o: { key?: string; body?: string; identity?: 'run' | 'missing' | 'other'; t?: number } = {}): LedgerEvent {
  seq++;
  return {
    runId: 'r', stepId: 'POST payments.internal/v1/refunds', kind: 'tool', mode: 'write', seq, attempt: 1, outcome, ...at(o.t ?? seq),
    ...(o.key ? { idempotencyKey: `payments.internal\u0000${o.key}` } : {}),
    call: { label: 'POST payments.internal/v1/refunds', host: 'payments.internal', method: 'POST', path: '/v1/refunds', nth: seq, bodyDigest: o.body ?? 'b1', identity: o.identity ?? 'run' },
  };
}
const history = (events: LedgerEvent[], extra: Partial<AgentHistory> = {}): AgentHistory => ({ events, finalTurn: 2, faults: [], killedAt: [], ...extra });
const verdicts = (h: AgentHistory) => Object.fromEntries(judgeAgentRun(h).map((p) => [p.id, p.verdict]));

describe('properties judged on the recorded world', () => {
  it('a clean run passes every property it exercises', () => {
    expect(verdicts(history([model(1, 'applied'), refund('applied', { key: 'k' }), model(2, 'applied')]))).toEqual({
      completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass',
    });
  });

  it('completes fails when the last turn never reached the agent, naming the last call', () => {
    const r = judgeAgentRun(history([model(1, 'applied'), refund('response-lost')])).find((p) => p.id === 'completes')!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toMatch(/last turn \(2\).*POST payments.internal\/v1\/refunds #\d+ \(response-lost\)/);
  });

  it('a retry refused as "key in use" (409, decision 0103): no effect; completes names it when the agent gave up on it, passes when it tried again', () => {
    const first = refund('response-lost', { key: 'k', t: 100 });
    const inUse = { ...refund('failed', { key: 'k', t: 102 }), keyInUseBy: first.call!.nth, reason: 'idempotency key in use by #1, still in progress: refused' };
    // The refused retry is recorded before the held first, which finishes after it: the agent's last call is still the refused one.
    const gaveUp = judgeAgentRun(history([model(1, 'applied', 1), inUse, first]));
    expect(Object.fromEntries(gaveUp.map((p) => [p.id, p.verdict]))).toMatchObject({ completes: 'fail', 'effects-exactly-once': 'pass' });
    expect(gaveUp.find((p) => p.id === 'completes')!.evidence[0].message).toBe(
      `the model's last turn (2) was never asked for; the agent's last call was POST payments.internal/v1/refunds #${inUse.call!.nth} (failed, key in use by #${first.call!.nth}, still in progress): it never tried again once #${first.call!.nth} was done`,
    );
    const triedAgain = [model(1, 'applied', 1), inUse, first, refund('deduplicated', { key: 'k', t: 300 }), model(2, 'applied', 301)];
    expect(verdicts(history(triedAgain))).toEqual({ completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' });
  });

  it('effects-exactly-once fails on the same body applied twice, and on the same key applied twice', () => {
    expect(verdicts(history([refund('response-lost'), refund('applied')]))['effects-exactly-once']).toBe('fail');
    expect(verdicts(history([refund('applied', { key: 'k', body: 'a' }), refund('applied', { key: 'k', body: 'b' })]))['effects-exactly-once']).toBe('fail');
  });

  it('effects-exactly-once passes a retry the key deduplicated, and two different refunds', () => {
    expect(verdicts(history([refund('response-lost', { key: 'k' }), refund('deduplicated', { key: 'k' })]))['effects-exactly-once']).toBe('pass');
    expect(verdicts(history([refund('applied', { body: 'a' }), refund('applied', { body: 'b' })]))['effects-exactly-once']).toBe('pass');
    expect(verdicts(history([refund('failed'), refund('applied')]))['effects-exactly-once']).toBe('pass');
  });

  it('model-calls-once fails on a turn asked again after its answer arrived, with the tokens wasted', () => {
    const r = judgeAgentRun(history([model(1, 'applied'), model(1, 'applied'), model(2, 'applied')])).find((p) => p.id === 'model-calls-once')!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toMatch(/turn 1 was asked for 1 more time.*440 tokens wasted/);
  });

  it('model-calls-once passes the retry of a lost answer, though its tokens count as wasted', () => {
    const events = [model(1, 'response-lost'), model(1, 'applied'), model(2, 'applied')];
    expect(verdicts(history(events))['model-calls-once']).toBe('pass');
    expect(wastedTokens(events)).toBe(440);
  });

  it('approval-integrity fails on a write after a rejection, passes without one, and is not exercised by an approval', () => {
    const rejected = { decision: { decision: 'reject' as const, deliveredAt: 100 } };
    expect(verdicts(history([model(1, 'applied', 50), refund('applied', { t: 150 })], rejected))['approval-integrity']).toBe('fail');
    expect(verdicts(history([model(1, 'applied', 50), model(2, 'applied', 150)], rejected))['approval-integrity']).toBe('pass');
    expect(verdicts(history([refund('applied', { t: 150 })], { decision: { decision: 'approve', deliveredAt: 100 } }))['approval-integrity']).toBeUndefined();
  });

  // Several decisions in one run (decision 0106): each write is judged against the latest decision at or before its turn.
  it('approval-integrity with several decisions: a write in a rejected turn fails, one in an approved turn passes', () => {
    const approveThenReject = { decisions: [{ afterTurn: 1, decision: 'approve' as const, sentAt: 90, deliveredAt: 100 }, { afterTurn: 2, decision: 'reject' as const, sentAt: 290, deliveredAt: 300 }], finalTurn: 3 };
    const first = refund('applied', { t: 150, body: 'first' });
    const second = refund('applied', { t: 350, body: 'second' });
    const bad = judgeAgentRun(history([model(1, 'applied', 50), first, model(2, 'applied', 250), second, model(3, 'applied', 400)], approveThenReject)).find((p) => p.id === 'approval-integrity')!;
    expect(bad.verdict).toBe('fail');
    expect(bad.evidence.map((e) => e.message)).toEqual([`POST payments.internal/v1/refunds #${second.call!.nth} (applied) took effect after the approval after turn 2 was rejected`]);
    expect(verdicts(history([model(1, 'applied', 50), first, model(2, 'applied', 250), model(3, 'applied', 400)], approveThenReject))['approval-integrity']).toBe('pass');
    // Reject then approve: the write of the approved turn comes after the rejection, and is its own decision's.
    const rejectThenApprove = { decisions: [{ afterTurn: 1, decision: 'reject' as const, deliveredAt: 100 }, { afterTurn: 2, decision: 'approve' as const, deliveredAt: 300 }], finalTurn: 3 };
    expect(verdicts(history([model(1, 'applied', 50), model(2, 'applied', 250), refund('applied', { t: 350 }), model(3, 'applied', 400)], rejectThenApprove))['approval-integrity']).toBe('pass');
    // A lost answer of turn 2 never reached the agent: a write after it still carries out turn 1, rejected.
    expect(verdicts(history([model(1, 'applied', 50), model(2, 'response-lost', 250), refund('applied', { t: 350 })], rejectThenApprove))['approval-integrity']).toBe('fail');
    // Only approvals: nothing to go against.
    expect(verdicts(history([model(1, 'applied', 50), refund('applied', { t: 150 })], { decisions: [{ afterTurn: 1, decision: 'approve', deliveredAt: 100 }] }))['approval-integrity']).toBeUndefined();
  });

  // An approval nobody answers (decision 0107): the agent's deadline runs out; any write it governs was never allowed.
  it('approval-integrity with a never-answered approval: a write after its turn fails, an agent that gives up passes', () => {
    const never = { decisions: [{ afterTurn: 1, decision: 'none' as const }] };
    const wrote = judgeAgentRun(history([model(1, 'applied', 50), refund('applied', { t: 5000 }), model(2, 'applied', 5100)], never)).find((p) => p.id === 'approval-integrity')!;
    expect(wrote.verdict).toBe('fail');
    expect(wrote.evidence[0].message).toMatch(/^POST payments.internal\/v1\/refunds #\d+ \(applied\) took effect though the approval after turn 1 was never answered \(the agent's deadline for it ran out\)$/);
    expect(verdicts(history([model(1, 'applied', 50), model(2, 'applied', 5100)], never))['approval-integrity']).toBe('pass');
    // A write refused by the service, or one before the turn that asked (turn 0), is not one it governs.
    expect(verdicts(history([model(1, 'applied', 50), refund('failed', { t: 5000 }), model(2, 'applied', 5100)], never))['approval-integrity']).toBe('pass');
    expect(verdicts(history([refund('applied', { t: 10 }), model(1, 'applied', 50), model(2, 'applied', 5100)], never))['approval-integrity']).toBe('pass');
    // A later approved turn governs its own writes.
    const neverThenApprove = { decisions: [{ afterTurn: 1, decision: 'none' as const }, { afterTurn: 2, decision: 'approve' as const, deliveredAt: 5200 }], finalTurn: 3 };
    expect(verdicts(history([model(1, 'applied', 50), model(2, 'applied', 5100), refund('applied', { t: 5300 }), model(3, 'applied', 5400)], neverThenApprove))['approval-integrity']).toBe('pass');
  });

  // A `hang` fault (decision 0093): what the agent did once the world stopped answering.
  describe('a call the world held unanswered', () => {
    const hung = (outcome: Outcome, until: 'caller-gave-up' | 'case-ended', o: { key?: string } = {}) => ({ ...refund(outcome, o), hung: { until, heldMs: 3000 } });

    it('a client that timed out and retried with the same key passes; without a key the retry refunds twice', () => {
      expect(verdicts(history([model(1, 'applied'), hung('response-lost', 'caller-gave-up', { key: 'k' }), refund('deduplicated', { key: 'k' }), model(2, 'applied')]))).toEqual({
        completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass',
      });
      const unkeyed = judgeAgentRun(history([model(1, 'applied'), hung('response-lost', 'caller-gave-up'), refund('applied'), model(2, 'applied')]));
      expect(unkeyed.find((p) => p.id === 'effects-exactly-once')).toMatchObject({
        verdict: 'fail',
        evidence: [{ message: expect.stringMatching(/took effect 2 times with the same body: POST payments.internal\/v1\/refunds #\d+ \(response-lost, held unanswered 3.0 s until the caller gave up\), .* \(applied\)/) }],
      });
      // Held before it took effect: the retry is the only refund.
      expect(verdicts(history([model(1, 'applied'), hung('failed', 'caller-gave-up'), refund('applied'), model(2, 'applied')]))['effects-exactly-once']).toBe('pass');
    });

    it('a model call held until the agent gave up and asked again is a fair retry', () => {
      const events = [{ ...model(1, 'response-lost'), hung: { until: 'caller-gave-up' as const, heldMs: 2000 } }, model(1, 'applied'), model(2, 'applied')];
      expect(verdicts(history(events))['model-calls-once']).toBe('pass');
      expect(wastedTokens(events)).toBe(440);
    });

    it('completes fails naming the call the agent still waited on when the case ended', () => {
      const r = judgeAgentRun(history([model(1, 'applied'), hung('response-lost', 'case-ended', { key: 'k' })])).find((p) => p.id === 'completes')!;
      expect(r).toMatchObject({ verdict: 'fail', evidence: [{ step: 'POST payments.internal/v1/refunds' }] });
      expect(r.evidence[0].message).toMatch(/^the model's last turn \(2\) never reached the agent: it was still waiting on POST payments.internal\/v1\/refunds #\d+ \(response-lost, held unanswered 3.0 s until the case ended\); it never gave up/);
      // A run that went on after a call it gave up on is judged on its last turn as ever.
      expect(verdicts(history([model(1, 'applied'), hung('response-lost', 'caller-gave-up', { key: 'k' }), refund('deduplicated', { key: 'k' }), model(2, 'applied')])).completes).toBe('pass');
    });
  });

  // Stripe's "same key, different request" (decision 0094): the write the service refused is judged lost.
  it('effects-exactly-once fails on a write refused for a key first used with another request; a same-key retry of the same request passes', () => {
    const reused = { ...refund('failed', { key: 'k', body: 'b2' }), keyReusedFrom: 1 };
    const r = judgeAgentRun(history([refund('applied', { key: 'k', body: 'b1' }), reused, model(2, 'applied')])).find((p) => p.id === 'effects-exactly-once')!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toMatch(/^POST payments.internal\/v1\/refunds #\d+ \(failed\) reused the idempotency key of #1 with a different request: the service refused it, and this write never took effect$/);
    expect(verdicts(history([refund('applied', { key: 'k', body: 'b1' }), refund('deduplicated', { key: 'k', body: 'b1' }), model(2, 'applied')]))['effects-exactly-once']).toBe('pass');
    // A host that answers a known key with its first answer (decision 0109): the second refund is lost all the same.
    const swallowed = judgeAgentRun(history([refund('applied', { key: 'k', body: 'b1' }), { ...refund('deduplicated', { key: 'k', body: 'b2' }), keyReusedFrom: 1 }, model(2, 'applied')])).find((p) => p.id === 'effects-exactly-once')!;
    expect(swallowed.verdict).toBe('fail');
    expect(swallowed.evidence[0].message).toMatch(/^POST payments.internal\/v1\/refunds #\d+ \(deduplicated\) reused the idempotency key of #1 with a different request: the service answered it with #1's answer, and this write never took effect$/);
    expect(verdicts(history([refund('applied', { key: 'k1', body: 'b1' }), refund('applied', { key: 'k2', body: 'b2' }), model(2, 'applied')]))['effects-exactly-once']).toBe('pass');
  });

  it('identity fails on a call without the principal or with another identity, with that call as evidence', () => {
    const missing = judgeAgentRun(history([refund('applied', { identity: 'missing' })])).find((p) => p.id === 'identity')!;
    expect(missing).toMatchObject({ verdict: 'fail', evidence: [{ step: 'POST payments.internal/v1/refunds', message: expect.stringMatching(/carried no identity/) }] });
    expect(verdicts(history([refund('failed', { identity: 'run' }), refund('applied', { identity: 'other', body: 'x' })])).identity).toBe('fail');
  });

  it('identity is not exercised when no host names an identity header', () => {
    const e = refund('applied');
    delete e.call!.identity;
    expect(verdicts(history([e])).identity).toBeUndefined();
  });
});
