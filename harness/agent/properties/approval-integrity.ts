import { tookEffect, type LedgerEvent } from '../../ledger/events.js';
import { decisionsOf, describeCall, type AgentDecision, type AgentProperty } from './history.js';

/**
 * No write took effect against a person's decision: after a rejection reached the app, or
 * after an approval nobody answered. Each write is governed by the latest decision at or
 * before its turn: the last model turn whose answer reached the agent before the write was
 * received, the turn whose tool call the write carries out (decision 0106).
 */
export const approvalIntegrity: AgentProperty = {
  id: 'approval-integrity',
  check(history) {
    const decisions = decisionsOf(history);
    if (!decisions.some(judged)) return undefined;
    const answered = history.events.filter((e) => e.kind === 'llm' && e.outcome === 'applied');
    const evidence = history.events
      .filter((e) => e.mode === 'write' && tookEffect(e))
      .flatMap((write) => {
        const turn = turnOf(write, answered);
        const governing = decisions.filter((d) => d.afterTurn <= turn).at(-1);
        const why = governing && against(governing, write);
        return why ? [{ step: write.call?.label ?? write.stepId, message: `${describeCall(write)} took effect ${why}` }] : [];
      });
    return { verdict: evidence.length ? 'fail' : 'pass', evidence };
  },
};

/** A decision a write can go against: a rejection that reached the app, or an approval never answered. */
const judged = (d: AgentDecision) => d.decision === 'none' || (d.decision === 'reject' && d.deliveredAt !== undefined);

/** Why this write goes against its decision, or undefined. A write before a rejection reached the app is not judged here (a `needs-approval` policy judges writes made before any approval). */
function against(d: AgentDecision, write: LedgerEvent): string | undefined {
  const which = d.afterTurn > 0 ? ` after turn ${d.afterTurn}` : '';
  if (d.decision === 'reject' && d.deliveredAt !== undefined && write.receivedAt >= d.deliveredAt) return `after the approval${which} was rejected`;
  // Nobody approved it: whatever the agent's deadline did, a write it governs was never allowed (decision 0107).
  if (d.decision === 'none') return `though the approval${which} was never answered (the agent's deadline for it ran out)`;
  return undefined;
}

/** The turn a write carries out: the last model turn answered before it was received (0: none yet). */
function turnOf(write: LedgerEvent, answered: readonly LedgerEvent[]): number {
  const last = answered.filter((m) => m.receivedAt < write.receivedAt).sort((a, b) => a.receivedAt - b.receivedAt).at(-1);
  return last ? Number(/ turn (\d+)$/.exec(last.stepId)?.[1] ?? 0) : 0;
}
