import { tookEffect, type EffectRequest, type LedgerEvent } from '../ledger/events.js';
import { describePolicy, type Policy } from './schema.js';
import type { HistoryEvent } from '../history.js';

// One reading of the rules, shared by the judge (the policy checker, afterwards) and
// the gate (the ledger, before the call), so the two can never disagree (decision 0059).

/** What a rule needs to know of one call. */
export type PolicyCall = Pick<EffectRequest, 'kind' | 'stepId' | 'tool'>;

/** What a run did before the call in question. */
export interface RunSoFar {
  /** The run's earlier calls that took effect (a deduplicated repeat did nothing and costs nothing). */
  spent: readonly PolicyCall[];
  /** When the run's human first sent "approve" for this approval step, if ever. */
  approvedAt(approval: string): number | undefined;
  /** What one model call of this step costs: the plan's figure, whatever the runtime reports. */
  tokensOf(stepId: string): number;
}

export interface Breach {
  policy: Policy;
  /** The rule's place in the scenario's `policies`, from 0. */
  index: number;
  message: string;
}

/** Why this call, made at `at`, breaks this rule, or undefined when it keeps it. */
export function breaks(p: Policy, call: PolicyCall, at: number, run: RunSoFar): string | undefined {
  if (call.kind !== 'tool' && call.kind !== 'llm') return undefined;
  switch (p.rule) {
    case 'forbidden-tool':
      return call.tool === p.tool ? `${call.stepId} called ${p.tool}, which this agent may not call` : undefined;
    case 'needs-approval': {
      if (call.tool !== p.tool) return undefined;
      const approved = run.approvedAt(p.approval);
      if (approved !== undefined && approved <= at) return undefined;
      return `${call.stepId} called ${p.tool} ${approved === undefined ? `and no human ever approved ${p.approval}` : `before a human approved ${p.approval}`}`;
    }
    case 'token-budget': {
      if (call.kind !== 'llm') return undefined;
      const before = run.spent.filter((c) => c.kind === 'llm').reduce((n, c) => n + run.tokensOf(c.stepId), 0);
      const cost = run.tokensOf(call.stepId);
      return before + cost > p.tokens ? `${call.stepId} spent ${cost} tokens on top of ${before}, past the run's budget of ${p.tokens}` : undefined;
    }
    case 'call-budget': {
      if (call.tool !== p.tool) return undefined;
      const before = run.spent.filter((c) => c.tool === p.tool).length;
      return before + 1 > p.calls ? `${call.stepId} was call ${before + 1} of ${p.tool}, past the run's budget of ${p.calls}` : undefined;
    }
  }
}

/** The first rule this call breaks, if any. */
export function firstBreach(policies: readonly Policy[], call: PolicyCall, at: number, run: RunSoFar, only: (p: Policy) => boolean = () => true): Breach | undefined {
  for (const [index, policy] of policies.entries()) {
    if (!only(policy)) continue;
    const message = breaks(policy, call, at, run);
    if (message) return { policy, index, message };
  }
  return undefined;
}

/** How a refusal by a policy reads in the ledger's record: its reason starts with this. */
export const POLICY_REFUSAL = 'policy ';

export const refusedByPolicy = (e: LedgerEvent): boolean => e.outcome === 'refused' && (e.reason ?? '').startsWith(POLICY_REFUSAL);

/**
 * The gate a gateway would be: the ledger asks it before each call and refuses the
 * call (HTTP 403) when it would break an enforced rule, given the run's calls so far.
 */
export function policyGate(policies: readonly Policy[], approvedAt: (runId: string, approval: string) => number | undefined, tokensOf: (stepId: string) => number) {
  const enforced = policies.filter((p) => p.enforce);
  return (req: EffectRequest, at: number, events: readonly LedgerEvent[]): string | undefined => {
    if (enforced.length === 0) return undefined;
    const spent = events.filter((e) => e.runId === req.runId && tookEffect(e));
    const breach = firstBreach(policies, req, at, { spent, approvedAt: (a) => approvedAt(req.runId, a), tokensOf }, (p) => p.enforce);
    return breach ? `${POLICY_REFUSAL}${describePolicy(breach.policy)}: ${breach.message}` : undefined;
  };
}

/** When a human first began sending "approve" for this approval (to `run`, when given): a call after it is approved. */
export function approvedIn(events: readonly HistoryEvent[], approval: string, run?: string): number | undefined {
  return events.find((e) => e.type === 'op' && e.op === 'deliver-approval' && e.phase === 'invoke' && e.step === approval && e.decision === 'approve' && (run === undefined || e.run === run))?.at;
}
