import type { Coverage } from '../report/coverage.js';
import { approvalsOf, type AgentApproval, type AgentConfig, type AgentScenario } from './config.js';
import type { AgentFaultKind } from './faults.js';
import { AGENT_FAULT_KINDS, HANG_FAULT_KINDS, SLOW_FAULT_KIND } from './explore/arbitrary.js';
import { exploreSpace } from './explore/space.js';

/**
 * Coverage for your own agent, in the report's shape (decision 0040) so every reporter
 * prints it: which fault kind struck which call (the model, or each write explore can
 * name), which decision a person gave after which tool call, and how many tool calls a
 * script made. The cells come from the config (the space explore draws from), so a run
 * of the config's own scenarios shows what they leave out, and an exploration what it
 * reached.
 */
export function agentCoverage(config: AgentConfig, scenarios: readonly AgentScenario[], of: Coverage['of'], drawn: readonly AgentFaultKind[] = AGENT_FAULT_KINDS): Coverage {
  const space = exploreSpace(config);
  const targets = [space.modelLabel, ...space.writeLabels];
  const place = (label: string) => (label === space.modelLabel ? 'model' : label);
  const count = (test: (s: AgentScenario) => boolean) => scenarios.filter(test).length;
  const tools = [...new Set(space.tools.map((t) => t.tool))];
  const callsOf = (s: AgentScenario) => s.model.filter((t) => 'tool' in t).length;
  return {
    of,
    axes: [
      {
        id: 'faults',
        title: 'Faults by kind and call',
        // The kinds explore draws (by default, or as --faults names them); another kind's row shows where a case used it.
        // A slow call is fair only on a write whose host reads an idempotency key: its row has those cells only.
        rows: [...drawn, ...[...AGENT_FAULT_KINDS, ...HANG_FAULT_KINDS, SLOW_FAULT_KIND].filter((k) => !drawn.includes(k) && scenarios.some((s) => s.faults.some((f) => f.kind === k)))].map((kind) => ({ id: kind, cells: targets.filter((t) => kind !== SLOW_FAULT_KIND || space.keyedWriteLabels.includes(t)).map((t) => ({ place: place(t), cases: count((s) => s.faults.some((f) => f.kind === kind && f.label === t)) })) })),
      },
      {
        id: 'decisions',
        title: "A person's decision after a tool call",
        rows: space.decide
          ? tools.filter((tool) => space.tools.some((t) => t.tool === tool && t.asksApproval)).map((tool) => ({
              id: tool,
              cells: [
                ...(['approve', 'reject'] as const).map((d) => ({ place: d, cases: count((s) => decidedAfter(s, tool, (a) => a.decision === d)) })),
                // Either decision delivered twice (a double click, decision 0086).
                { place: 'twice', cases: count((s) => decidedAfter(s, tool, (a) => Boolean(a.twice))) },
                // Never answered, the agent's deadline running out (decision 0107): a cell only where a scenario has one.
                ...(scenarios.some((s) => approvalsOf(s).some((a) => a.decision === 'none')) ? [{ place: 'none', cases: count((s) => decidedAfter(s, tool, (a) => a.decision === 'none')) }] : []),
              ],
            }))
          : [],
      },
      {
        id: 'script',
        title: 'Tool calls in a model script',
        // As many calls as there are distinct ones to make (a script makes each once), two and more as one cell.
        rows: [{ id: 'tool calls', cells: [0, 1, 2].slice(0, Math.min(space.tools.length, 2) + 1).map((n) => ({ place: n === 2 ? '2+' : String(n), cases: count((s) => (n === 2 ? callsOf(s) >= 2 : callsOf(s) === n)) })) }],
      },
    ].filter((a) => a.rows.length > 0),
  };
}

const toolAt = (s: AgentScenario, turn: number) => {
  const t = s.model[turn - 1];
  return t && 'tool' in t ? t.tool : undefined;
};

/**
 * The cells one case exercises, as `axis/row/place` ids (harness/faults/coverage.ts
 * cellIds): what explore's coverage steering scores a candidate by (decision 0108).
 * Read off the case's own coverage, so the cells are the ones the report counts.
 */
export function agentCellsOf(config: AgentConfig, drawn: readonly AgentFaultKind[]): (s: Omit<AgentScenario, 'name'>) => string[] {
  return (s) =>
    agentCoverage(config, [{ ...s, name: '' }], 'explore', drawn).axes.flatMap((a) => a.rows.flatMap((r) => r.cells.filter((c) => c.cases > 0).map((c) => `${a.id}/${r.id}/${c.place}`)));
}

/** Whether one of the scenario's decisions, after a call of this tool, is of the kind asked. */
const decidedAfter = (s: AgentScenario, tool: string, kind: (a: AgentApproval) => boolean) => approvalsOf(s).some((a) => kind(a) && toolAt(s, a.afterTurn) === tool);
