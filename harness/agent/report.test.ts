import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../ledger/events.js';
import { CaseResult } from '../report/case.js';
import { scoreCases } from '../scorecard.js';
import { AgentScenario } from './config.js';
import { agentCaseResult, agentMetrics, categoryOf } from './report.js';
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
    expect(categoryOf(scenario({ category: 'timers', faults: ['fails "POST h/p"'] }))).toBe('timers');
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
});
