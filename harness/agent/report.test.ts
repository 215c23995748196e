import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../ledger/events.js';
import { CaseResult } from '../report/case.js';
import { scoreCases } from '../scorecard.js';
import { AgentScenario } from './config.js';
import { agentCaseResult, agentMetrics, categoryOf, describeScenario } from './report.js';
import type { AgentCaseResult } from './run-case.js';

// An own-agent case in the report model: where the scorecard counts it, and what it cost.
const scenario = (extra: Record<string, unknown> = {}) => AgentScenario.parse({ name: 's', model: [{ tool: 'issue_refund' }, { text: 'done' }], ...extra });
const call = (seq: number, label: string, o: Partial<LedgerEvent> = {}): LedgerEvent => ({
  runId: 'r', stepId: label, kind: 'tool', seq, attempt: 1, outcome: 'applied', receivedAt: seq * 100, finishedAt: seq * 100 + 1,
  call: { label, host: 'h', method: 'POST', path: '/p', bodyDigest: 'b' }, ...o,
});
const llm = (seq: number, turn: number, outcome: LedgerEvent['outcome'] = 'applied') => call(seq, 'chat.completions', { kind: 'llm', stepId: `chat.completions turn ${turn}`, tokens: 440, outcome });

function result(events: LedgerEvent[], o: Partial<AgentCaseResult> = {}): AgentCaseResult {
  return { scenario: 's', seed: 1, verdict: 'pass', properties: [], notes: [], wastedTokens: 0, durationMs: 1234, history: { events, finalTurn: 2, faults: [], killedAt: [] }, ...o };
}

describe('own-agent cases in the report model', () => {
  it('counts a scenario where its faults and approval put it, unless it names its category', () => {
    expect(categoryOf(scenario({ faults: ['crash-worker after-effect "POST h/p" #1'], approval: { afterTurn: 1, decision: 'approve' } }))).toBe('crash-recovery');
    expect(categoryOf(scenario({ faults: ['response-lost "chat.completions" #1'] }))).toBe('step-replay');
    expect(categoryOf(scenario({ faults: ['fails "POST h/p"'] }))).toBe('effect-safety');
    expect(categoryOf(scenario({ approval: { afterTurn: 1, decision: 'reject' } }))).toBe('approvals');
    expect(categoryOf(scenario())).toBe('effect-safety');
    expect(categoryOf(scenario({ model: [{ tool: 'issue_refund' }, { tool: 'issue_refund' }, { text: 'done' }], approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'none' }] }))).toBe('approvals');
    expect(describeScenario(scenario({ model: [{ tool: 'issue_refund' }, { tool: 'issue_refund' }, { text: 'done' }], approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'none' }] }))).toBe("your agent; the model calls issue_refund, then calls issue_refund, then answers; a person's approval after turn 1; no answer from a person after turn 2");
    expect(categoryOf(scenario({ category: 'timers', faults: ['fails "POST h/p"'] }))).toBe('timers');
    expect(categoryOf(scenario({ faults: ['restart-runtime after-effect "POST h/p" #1'] }))).toBe('runtime-durability');
  });

  it('measures retries, the model paid twice, worker starts and recovery on the record', () => {
    const events = [llm(1, 1), call(2, 'POST h/p', { outcome: 'response-lost' }), call(3, 'POST h/p'), llm(4, 1), llm(5, 2)];
    // The worker was killed at 350 ms; the restarted one called first at 400.
    expect(agentMetrics(result(events, { history: { events, finalTurn: 2, faults: [], killedAt: [350] } }))).toEqual({
      durationMs: 1234, reExecutedLlmCalls: 1, wastedTokens: 440, recoveryMs: [50], retries: 2, maxRetriesPerEffect: 1, workerStarts: 2,
    });
    // A crash after which the agent never called again (its run was in memory): no recovery to measure.
    expect(agentMetrics(result([llm(1, 1)], { history: { events: [llm(1, 1)], finalTurn: 2, faults: [], killedAt: [900] } })).recoveryMs).toEqual([]);
  });

  it('is a valid case of the report, its refused calls as notes, and scores like a runtime case', () => {
    const failing = agentCaseResult(scenario({ name: 'lost', faults: ['crash-worker after-effect "POST h/p" #1'] }), result([llm(1, 1)], { verdict: 'fail', properties: [{ id: 'identity', verdict: 'fail', evidence: [{ message: 'no principal' }] }] }), 'npx agentcheck run lost', '/out/lost');
    const undecided = agentCaseResult(scenario({ name: 'odd' }), result([llm(1, 1)], { verdict: 'unknown', notes: ['GET example.org/: undeclared host example.org'] }), 'npx agentcheck run odd', '/out/odd');
    expect(CaseResult.parse(failing)).toEqual(failing);
    expect(failing).toMatchObject({ id: 'crash-recovery/lost', category: 'crash-recovery', faults: ['crash-worker after-effect "POST h/p" #1'], description: "your agent; the model calls issue_refund, then answers" });
    expect(CaseResult.parse(undecided).notes).toEqual(['GET example.org/: undeclared host example.org']);
    const card = scoreCases([failing, undecided]);
    expect(card.categories.find((c) => c.id === 'crash-recovery')).toMatchObject({ score: 0, failed: 1 });
    expect(card.categories.find((c) => c.id === 'effect-safety')).toMatchObject({ score: 0, unknown: 1 });
    expect(card.level).toBe('L0');
  });

  it('carries a timeline, as a runtime case does: the calls, the fault as it fired, the worker killed and started again, the decision', () => {
    const s = scenario({ name: 'crash', faults: ['crash-worker after-effect "POST h/p" #1'], approval: { afterTurn: 1, decision: 'reject' } });
    // Two tries of one write that both took effect: the second is marked repeated, as the HTML timeline draws it red.
    // The calls come from the agent's process (pids 21, 22), under the shell agentcheck started and killed (11, 12).
    const events = [llm(1, 1, 'applied'), call(2, 'POST h/p', { mode: 'write', outcome: 'response-lost' }), call(3, 'POST h/p', { mode: 'write' }), llm(4, 2)].map((e) => ({ ...e, pid: e.receivedAt < 310 ? 21 : 22 }));
    const history = { events, finalTurn: 2, faults: [{ text: s.faults[0]!.text, at: 260 }], killedAt: [300], startedAt: 50, workers: [{ event: 'spawned' as const, pid: 11, at: 60 }, { event: 'killed' as const, pid: 11, at: 300 }, { event: 'spawned' as const, pid: 12, at: 310 }], decisionSent: { decision: 'reject' as const, at: 120 }, decision: { decision: 'reject' as const, deliveredAt: 130 } };
    const c = agentCaseResult(s, result(events, { history }), 'npx agentcheck run crash', '/out/crash');
    expect(CaseResult.parse(c)).toEqual(c);
    expect(c.timeline!.endMs).toBe(1234);
    expect(c.timeline!.effects.map((e) => [e.step, e.outcome, e.at, e.write ?? false, e.repeated ?? false])).toEqual([
      ['chat.completions turn 1', 'applied', 50, false, false],
      ['POST h/p', 'response-lost', 150, true, false],
      ['POST h/p', 'applied', 250, true, true],
      ['chat.completions turn 2', 'applied', 350, false, false],
    ]);
    expect(c.timeline!.events).toEqual([
      { type: 'op', at: 0, op: 'start-run', phase: 'invoke' },
      { type: 'worker', at: 10, event: 'spawned', pid: 21 },
      { type: 'op', at: 70, op: 'deliver-approval', phase: 'invoke', decision: 'reject' },
      { type: 'op', at: 80, op: 'deliver-approval', phase: 'ok', decision: 'reject' },
      { type: 'fault', at: 210, fault: 0, kind: 'crash-worker after-effect', action: 'crash', detail: 'crash-worker after-effect "POST h/p" #1' },
      { type: 'worker', at: 250, event: 'killed', pid: 21 },
      { type: 'worker', at: 260, event: 'spawned', pid: 22 },
    ]);
    // A history without its start (written by hand, as in the tests above) has none.
    expect(agentCaseResult(s, result(events), 'r', '/out/x').timeline).toBeUndefined();
  });

  it("shows the runtime's server killed and serving again (restart-runtime, decision 0104)", () => {
    const s = scenario({ name: 'restart', faults: ['restart-runtime after-effect "POST h/p" #1'] });
    const text = s.faults[0]!.text;
    const history = { events: [llm(1, 1), llm(2, 2)], finalTurn: 2, faults: [{ text, at: 100 }], killedAt: [], startedAt: 0, runtimeServer: [{ event: 'crash-runtime' as const, at: 110, fault: text }, { event: 'runtime-restarted' as const, at: 1500, fault: text }] };
    const c = agentCaseResult(s, result(history.events, { history }), 'r', '/out/restart');
    expect(CaseResult.parse(c)).toEqual(c);
    expect(c.timeline!.events.filter((e) => e.type === 'fault')).toEqual([
      { type: 'fault', at: 100, fault: 0, kind: 'restart-runtime after-effect', action: 'restart-runtime', detail: text },
      { type: 'fault', at: 110, fault: 0, kind: 'restart-runtime', action: 'crash-runtime', detail: text },
      { type: 'fault', at: 1500, fault: 0, kind: 'restart-runtime', action: 'runtime-restarted', detail: text },
    ]);
  });

  it('shows the second copy of a double-clicked decision with what the app answered it', () => {
    const s = scenario({ name: 'twice', approval: { afterTurn: 1, decision: 'approve', twice: true } });
    const events = [llm(1, 1, 'applied'), llm(2, 2)];
    const history = { events, finalTurn: 2, faults: [], killedAt: [], startedAt: 0, decisionSent: { decision: 'approve' as const, at: 100 }, decisionRepeated: { at: 101, status: 409 }, decision: { decision: 'approve' as const, deliveredAt: 130 } };
    const c = agentCaseResult(s, result(events, { history }), 'r', '/out/twice');
    expect(c.timeline!.events.filter((e) => e.type === 'op' && e.op === 'deliver-approval')).toEqual([
      { type: 'op', at: 100, op: 'deliver-approval', phase: 'invoke', decision: 'approve' },
      { type: 'op', at: 101, op: 'deliver-approval', phase: 'info', decision: 'approve', detail: 'delivered again: 409' },
      { type: 'op', at: 130, op: 'deliver-approval', phase: 'ok', decision: 'approve' },
    ]);
  });
});
