import { describe, expect, it } from 'vitest';
import type { LedgerEvent, Outcome } from '../../ledger/events.js';
import type { RecordedStep, RuntimeRecord } from '../runtime.js';
import { auditTrail } from './audit-trail.js';
import type { AgentHistory } from './history.js';

// Fabricated pairs of records: the world's calls (at ms 100..) and the runtime's record of
// the run (activities with the times its history gives). The property must fail when the
// two disagree and pass when they agree.
const call = (kind: 'model' | 'refund', receivedAt: number, outcome: Outcome = 'applied', turn = 1): LedgerEvent =>
  kind === 'model'
    ? { runId: 'r', stepId: `chat.completions turn ${turn}`, kind: 'llm', seq: receivedAt, attempt: 1, outcome, receivedAt, finishedAt: receivedAt + 1, call: { label: 'chat.completions', host: 'api.openai.com', method: 'POST', path: '/v1/chat/completions', nth: turn, bodyDigest: `m${turn}` } }
    : { runId: 'r', stepId: 'POST payments.internal/v1/refunds', kind: 'tool', mode: 'write', seq: receivedAt, attempt: 1, outcome, receivedAt, finishedAt: receivedAt + 1, call: { label: 'POST payments.internal/v1/refunds', host: 'payments.internal', method: 'POST', path: '/v1/refunds', nth: 1, bodyDigest: 'b' } };
const step = (name: string, from: number, to: number | undefined, status: RecordedStep['status'] = 'completed'): RecordedStep => ({ name, id: `wf/${name}`, status, from, ...(to === undefined ? {} : { to }) });
const record = (steps: RecordedStep[], o: Partial<RuntimeRecord> = {}): RuntimeRecord => ({ status: 'COMPLETED', completed: true, steps, untimedSteps: 0, ...o });
const world = [call('model', 110), call('refund', 210), call('model', 310, 'applied', 2)];
const agreeing = [step('callModel', 100, 120), step('issueRefund', 200, 220), step('callModel', 300, 320)];
const judge = (runtimeRecord: AgentHistory['runtimeRecord'], events = world) => auditTrail.check({ events, finalTurn: 2, faults: [], killedAt: [], startedAt: 0, ...(runtimeRecord ? { runtimeRecord } : {}) });

describe('audit-trail on your own agent (the runtime record vs the world)', () => {
  it('passes when every model call and write that took effect lies in an activity recorded completed', () => {
    expect(judge(record(agreeing))).toMatchObject({ verdict: 'pass' });
    // A crash after the refund: the first try took effect, the retried activity completed around both.
    expect(judge(record(agreeing.with(1, step('issueRefund', 200, 260))), [...world.slice(0, 2), call('refund', 250, 'deduplicated'), world[2]])).toMatchObject({ verdict: 'pass' });
  });

  it('fails when a refund took effect inside an activity the runtime records as failed', () => {
    const r = judge(record(agreeing.with(1, step('issueRefund', 200, 220, 'failed'))))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toBe('POST payments.internal/v1/refunds #1 (applied) took effect (+0.2 s) while issueRefund (wf/issueRefund) ran, which the runtime records as failed: its record does not show this work done');
  });

  it('fails when a write took effect outside every activity the runtime records', () => {
    const r = judge(record([agreeing[0], agreeing[2]]))!;
    expect(r).toMatchObject({ verdict: 'fail', evidence: [{ step: 'POST payments.internal/v1/refunds', message: 'POST payments.internal/v1/refunds #1 (applied) took effect (+0.2 s), but the runtime records no unit of work running then: its record does not account for it' }] });
  });

  it('fails when the agent finished but the runtime records the run failed; undecided while it still runs', () => {
    expect(judge(record(agreeing, { status: 'FAILED', completed: false }))).toMatchObject({ verdict: 'fail', evidence: [{ message: 'the agent gave its last answer, but the runtime records the run as FAILED' }] });
    expect(judge(record(agreeing, { status: 'RUNNING', completed: false }))?.verdict).toBe('unknown');
  });

  it('is undecided, never failed, when the run did not finish, the record could not be read, or a call may be a local activity', () => {
    expect(judge(record(agreeing), world.slice(0, 2))?.verdict).toBe('unknown');
    expect(judge({ unreadable: 'workflow not found' })).toMatchObject({ verdict: 'unknown', evidence: [{ message: "the runtime's record of the run could not be read: workflow not found" }] });
    expect(judge(record([agreeing[0], agreeing[2]], { untimedSteps: 1 }))?.verdict).toBe('unknown');
  });

  it('reads and refused calls are not judged; no runtime declared: not judged at all', () => {
    expect(judge(record(agreeing), [...world, call('refund', 400, 'failed')])).toMatchObject({ verdict: 'pass' });
    expect(judge(undefined)).toBeUndefined();
  });
});
