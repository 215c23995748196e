import { describe, expect, it } from 'vitest';
import { decisionRaces } from './decision-races.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';
import { judge } from './index.js';
import { responseFor } from '../ledger/response.js';

// Issue 21's case, shrunk and stretched: the worker killed 500 ms into an approval's
// wait, the human approving 550 ms into it while no worker is up. The request comes at
// +100 and the approval times out after 2 s, so the deadline is +2100. Each history below moves only the restarted worker's ready
// and what the run did, and says which verdicts must follow.
const plan = {
  name: 'deploy',
  steps: [
    {
      kind: 'approval' as const,
      id: 'approve-deploy',
      timeoutMs: 2000,
      onTimeout: 'reject' as const,
      approved: [{ kind: 'tool' as const, id: 'deploy', tool: 'ci.deploy', mode: 'write' as const }],
      rejected: [{ kind: 'tool' as const, id: 'notify', tool: 'mail.send', mode: 'write' as const }],
    },
  ],
};
const crashed = scenario({ category: 'approvals', plan, decisions: { 'approve-deploy': 'approve' }, faults: [{ kind: 'crash-worker', step: 'approve-deploy', at: 'waiting', downtimeMs: 100 }] });

interface Run {
  /** When the restarted worker is ready (ms after the start; the deadline is at 2100). */
  readyAt: number;
  took: 'approved' | 'timed-out' | 'rejected';
  /** When the delivery answers; undefined: it never answers ok. */
  okAt?: number;
  /** When the human gives the decision (650, while no worker is up). */
  givenAt?: number;
  /** The other branch ran too (two resumes of one wait: the human's and the timer's). */
  bothBranches?: boolean;
}

function history({ readyAt, took, okAt, givenAt = 650, reapedAfter = 0, firstWarmMs, bothBranches = false }: Run & { reapedAfter?: number; firstWarmMs?: number }, s = crashed) {
  const b = new HistoryBuilder()
    .event({ type: 'worker', event: 'spawned', pid: 0, at: 0 })
    // A first worker from a warm spare (decision 0074) says how long it loaded before the case.
    .event({ type: 'worker', event: 'ready', pid: 1, at: 40, ...(firstWarmMs !== undefined ? { warmMs: firstWarmMs } : {}) })
    .effect('approve-deploy', 'applied', 100, { pid: 1, kind: 'approval-request', key: 'run-1/approve-deploy/request' })
    .killed(1, 600, reapedAfter)
    .event({ type: 'op', op: 'deliver-approval', phase: 'invoke', step: 'approve-deploy', decision: 'approve', at: givenAt })
    .ready(2, readyAt);
  if (okAt !== undefined) b.event({ type: 'op', op: 'deliver-approval', phase: 'ok', step: 'approve-deploy', decision: 'approve', at: okAt });
  b.effect(took === 'approved' ? 'deploy' : 'notify', 'applied', Math.max(readyAt, 2100) + 20, { pid: 2 });
  if (bothBranches) b.effect(took === 'approved' ? 'notify' : 'deploy', 'applied', Math.max(readyAt, 2100) + 25, { pid: 2 });
  const ran = took === 'approved' ? ['deploy', 'ci.deploy'] : ['notify', 'mail.send'];
  return b.completed({ decisions: { 'approve-deploy': took }, results: { [ran[0]]: responseFor(ran[0], ran[1]) } }, Math.max(readyAt, 2100) + 100).input(s);
}

const verdicts = (input: ReturnType<typeof history>) => Object.fromEntries(judge(input).map((p) => [p.id, p.verdict]));
const integrity = (input: ReturnType<typeof history>) => judge(input).find((p) => p.id === 'approval-integrity')!;

describe('a decision given while no worker is up', () => {
  describe('ready within the margin of the deadline (a coin flip on the recovery time)', () => {
    it('is unknown, never fail, when the timer won and the delivery said ok afterwards (the issue\'s case)', () => {
      const input = history({ readyAt: 2060, took: 'timed-out', okAt: 2250 });
      const v = verdicts(input);
      expect(Object.values(v)).not.toContain('fail');
      expect(v['approval-integrity']).toBe('unknown');
      expect(integrity(input).evidence[0].message).toMatch(/given at \+650ms while no worker was up.*ready at \+2060ms, within 500ms of the deadline \(\+2100ms\)/);
      expect(v['correct-output']).toBe('pass');
      expect(v['no-phantom-effects']).toBe('pass');
    });

    it('is unknown too when the decision won the race: the verdict must not depend on which did', () => {
      const v = verdicts(history({ readyAt: 2060, took: 'approved', okAt: 2080 }));
      expect(v['approval-integrity']).toBe('unknown');
      expect(Object.values(v)).not.toContain('fail');
    });

    it('still fails when the run took the opposite decision', () => {
      const v = verdicts(history({ readyAt: 2060, took: 'rejected', okAt: 2080 }));
      expect(v['approval-integrity']).toBe('fail');
    });
  });

  describe('ready well before the deadline (a fair case)', () => {
    it('fails when the run lost the decision: a race rule must not excuse a real loss', () => {
      const input = history({ readyAt: 800, took: 'timed-out', okAt: 820 });
      expect(decisionRaces(input.scenario, input.history)).toEqual([]);
      const v = verdicts(input);
      expect(v['approval-integrity']).toBe('fail');
      expect(v['correct-output']).toBe('fail');
      expect(integrity(input).evidence.map((e) => e.message).join('\n')).toContain('the human was told ok at +820ms for "approve"');
    });

    it('passes when the run took it', () => expect(Object.values(verdicts(history({ readyAt: 800, took: 'approved', okAt: 820 })))).not.toContain('fail'));
  });

  describe('an outage that spans the deadline', () => {
    it('accepts the timeout, but fails a delivery that told the human ok for the decision the run never took', () => {
      const input = history({ readyAt: 3500, took: 'timed-out', okAt: 3600 });
      expect(decisionRaces(input.scenario, input.history)).toMatchObject([{ step: 'approve-deploy', close: false }]);
      const v = verdicts(input);
      expect(v['correct-output']).toBe('pass');
      expect(v['approval-integrity']).toBe('fail');
      expect(integrity(input).evidence[0].message).toBe('approve-deploy: the human was told ok at +3600ms for "approve" (given at +650ms, before the deadline at +2100ms), but the run took timed-out');
    });

    it('accepts either outcome, never both: the other branch run beside the one taken fails no-phantom-effects', () => {
      // Seen on LangGraph's functional API (decision 0095): the restarted app's timer and the
      // human's answer both resumed the wait, and each ran its branch, whichever the output reports.
      for (const [took, other] of [['approved', 'notify'], ['timed-out', 'deploy']] as const) {
        const input = history({ readyAt: 3500, took, okAt: 3510, bothBranches: true });
        expect(decisionRaces(input.scenario, input.history)).toMatchObject([{ step: 'approve-deploy', close: false }]);
        const phantom = judge(input).find((p) => p.id === 'no-phantom-effects')!;
        expect(phantom.verdict, took).toBe('fail');
        expect(phantom.evidence.map((e) => e.step), took).toEqual([other]);
      }
    });

    it('passes a timeout whose delivery never said ok, and a run that took the decision', () => {
      expect(Object.values(verdicts(history({ readyAt: 3500, took: 'timed-out' })))).not.toContain('fail');
      expect(Object.values(verdicts(history({ readyAt: 3500, took: 'approved', okAt: 3600 })))).not.toContain('fail');
    });
  });

  it('counts a killed worker as gone from its SIGKILL, not from its reaping (late on a loaded machine)', () => {
    // Seen with langgraph-py at load 16: the answer came 96 ms after the SIGKILL, the
    // dying worker was reaped 175 ms after it; the timeout that followed is the runtime's to take.
    const input = history({ readyAt: 3500, took: 'timed-out', reapedAfter: 175 });
    expect(decisionRaces(input.scenario, input.history)).toMatchObject([{ step: 'approve-deploy', close: false }]);
    expect(Object.values(verdicts(input))).not.toContain('fail');
    // The same answer given before the SIGKILL, to a live worker, is no race: losing it fails.
    const lost = history({ readyAt: 3500, took: 'timed-out', okAt: 560, givenAt: 550, reapedAfter: 175 });
    expect(decisionRaces(lost.scenario, lost.history)).toEqual([]);
    expect(verdicts(lost)['approval-integrity']).toBe('fail');
  });

  it('reads a warm spare\'s first start as the case waited for it: its loading before the case widens no margin', () => {
    // Ready 1000 ms before the deadline, outside the 500 ms floor: judged, and losing the decision fails,
    // whether or not the first worker had loaded for 1.5 s as a spare (its restart took a spare too; decision 0075).
    for (const firstWarmMs of [undefined, 1500]) {
      const input = history({ readyAt: 1100, took: 'timed-out', okAt: 1120, ...(firstWarmMs ? { firstWarmMs } : {}) });
      expect(decisionRaces(input.scenario, input.history)).toEqual([]);
      expect(verdicts(input)['approval-integrity']).toBe('fail');
    }
  });

  it('is late, not a race, when given after the deadline: taking it still fails', () => {
    // As in approvals/late-approval-while-down: the answer comes after the deadline, while the worker is still down.
    const late = scenario({ ...crashed, faults: [...crashed.faults, { kind: 'approve-late', step: 'approve-deploy', afterTimeoutMs: 400 }] });
    const input = history({ readyAt: 3500, took: 'approved', okAt: 3600, givenAt: 2500 }, late);
    expect(decisionRaces(input.scenario, input.history)).toEqual([]);
    expect(verdicts(input)['approval-integrity']).toBe('fail');
  });
});
