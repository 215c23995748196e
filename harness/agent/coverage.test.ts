import { describe, expect, it } from 'vitest';
import { coverageLines, uncovered } from '../report/coverage.js';
import { AgentConfig, AgentScenario } from './config.js';
import { agentCoverage } from './coverage.js';
import { langgraphLike, refund } from './explore/config.test-helpers.js';

const scenario = (o: Record<string, unknown>) => AgentScenario.parse({ name: 's', model: [refund, { text: 'done' }], ...o });

describe("coverage of your own agent's cases", () => {
  it('counts which fault struck which call, which decision followed which tool call, and how many tool calls a script made', () => {
    const cases = [
      scenario({ approval: { afterTurn: 1, decision: 'approve' }, faults: ['crash-worker after-effect "POST payments.internal/v1/refunds" #1'] }),
      scenario({ approval: { afterTurn: 1, decision: 'reject', twice: true }, faults: ['response-lost "chat.completions" #2', 'crash-worker after-effect "POST payments.internal/v1/refunds" #1'] }),
      scenario({ model: [{ text: 'hello' }] }),
    ];
    const c = agentCoverage(langgraphLike, cases, 'run');
    const cell = (axis: string, row: string, place: string) => c.axes.find((a) => a.id === axis)!.rows.find((r) => r.id === row)!.cells.find((x) => x.place === place)!.cases;
    expect(cell('faults', 'crash-worker after-effect', 'POST payments.internal/v1/refunds')).toBe(2);
    expect(cell('faults', 'response-lost', 'model')).toBe(1);
    expect(cell('faults', 'fails', 'model')).toBe(0);
    expect(cell('decisions', 'issue_refund', 'approve')).toBe(1);
    expect(cell('decisions', 'issue_refund', 'reject')).toBe(1);
    expect(cell('decisions', 'issue_refund', 'twice')).toBe(1);
    expect([cell('script', 'tool calls', '0'), cell('script', 'tool calls', '1'), cell('script', 'tool calls', '2+')]).toEqual([1, 2, 0]);
    // The cells come from the config: a wildcard route is none; the lookup tool is never decided on.
    expect(c.axes.find((a) => a.id === 'faults')!.rows[0]!.cells.map((x) => x.place)).toEqual(['model', 'POST payments.internal/v1/refunds', 'GET payments.internal/v1/orders/ord_42']);
    expect(c.axes.find((a) => a.id === 'decisions')!.rows.map((r) => r.id)).toEqual(['issue_refund']);
    expect(uncovered(c)).toContain('faults: crash-worker before-effect model');
    expect(coverageLines(c)[0]).toMatch(/^Coverage: 7 of 21 cells exercised by the run's cases$/);
    expect(c.axes[0]!.rows.map((r) => r.id)).not.toContain('hang after-effect');
  });

  it('a hang gets its row where a case used it, and only then (explore draws it only when named)', () => {
    const c = agentCoverage(langgraphLike, [scenario({ faults: ['hang "POST payments.internal/v1/refunds" #1'] })], 'run');
    const faults = c.axes.find((a) => a.id === 'faults')!;
    expect(faults.rows.map((r) => r.id).slice(-1)).toEqual(['hang after-effect']);
    expect(faults.rows.at(-1)!.cells.find((x) => x.place === 'POST payments.internal/v1/refunds')!.cases).toBe(1);
  });

  it('each of several decisions counts after its own tool call; a never-answered one gets its cell where a case has one (decisions 0106, 0107)', () => {
    const twoRefunds = { model: [refund, refund, { text: 'done' }] };
    const c = agentCoverage(langgraphLike, [scenario({ ...twoRefunds, approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'reject' }] }), scenario({ approval: { afterTurn: 1, decision: 'none' } })], 'run');
    const cells = Object.fromEntries(c.axes.find((a) => a.id === 'decisions')!.rows[0]!.cells.map((x) => [x.place, x.cases]));
    expect(cells).toEqual({ approve: 1, reject: 1, twice: 0, none: 1 });
    expect(agentCoverage(langgraphLike, [scenario({ approval: { afterTurn: 1, decision: 'approve' } })], 'run').axes.find((a) => a.id === 'decisions')!.rows[0]!.cells.map((x) => x.place)).toEqual(['approve', 'reject', 'twice']);
  });

  it('without `decide` there is no decision to cover, and one tool call is the most a script makes', () => {
    const config = AgentConfig.parse({ ...langgraphLike, decide: undefined, scenarios: [{ name: 'r', model: [refund, { text: 'done' }] }] });
    const c = agentCoverage(config, config.scenarios, 'explore');
    expect(c.axes.map((a) => a.id)).toEqual(['faults', 'script']);
    expect(c.axes[1]!.rows[0]!.cells).toEqual([{ place: '0', cases: 0 }, { place: '1', cases: 1 }]);
  });
});
