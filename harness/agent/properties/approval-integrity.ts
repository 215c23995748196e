import { tookEffect, type LedgerEvent } from '../../ledger/events.js';
import { decisionsOf, describeCall, governingDecision, type AgentDecision, type AgentProperty } from './history.js';

/**
 * No write took effect against a person's decision: after a rejection reached the app, or
 * while an approval nobody answered governs it. Each write is judged against the decision
 * of its turn (`governingDecision`, decision 0106).
 */
export const approvalIntegrity: AgentProperty = {
  id: 'approval-integrity',
  check(history) {
    const decisions = decisionsOf(history);
    if (!decisions.some(judged)) return undefined;
    const evidence = history.events
      .filter((e) => e.mode === 'write' && tookEffect(e))
      .flatMap((write) => {
        const governing = governingDecision(decisions, history.events, write.receivedAt);
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
