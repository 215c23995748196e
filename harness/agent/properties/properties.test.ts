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
