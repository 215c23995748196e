import { tookEffect, type EffectRequest, type LedgerEvent } from '../../ledger/events.js';
import type { Evidence } from '../../report/case.js';
import { MAX_REFUSED_ASKS } from '../../checkers/policy.js';
import { firstBreach, policyGate, refusedByPolicy, type PolicyCall, type RunSoFar } from '../../policy/rules.js';
import { describePolicy, type Policy } from '../../policy/schema.js';
import { decisionsOf, describeCall, governingDecision, type AgentHistory, type AgentProperty } from './history.js';

// Your own agent's calls are named by their route ("POST api.stripe.com/v1/refunds"),
// so a rule's `tool` is a route here, and a needs-approval rule's approval is the
// scenario's decision of the call's turn (docs/your-agent.md, decisions 0059, 0106).

/** A recorded call as the rules read it: a tool is its route, a model call's cost what the script says. */
const asCall = (e: EffectRequest): PolicyCall => ({ kind: e.kind, stepId: e.stepId, ...(e.kind === 'tool' && e.call ? { tool: e.call.label } : {}) });

type Decided = Pick<AgentHistory, 'decisions' | 'decision' | 'decisionSent' | 'decisionRepeated'>;

/**
 * A needs-approval rule reads the decision the call answers to (decision 0106): the one of
 * its turn, or the run's first before any decided turn; approved when that one is an
 * approval, from the moment it was first sent.
 */
function runSoFar(history: Decided, events: readonly LedgerEvent[], callAt: () => number, asking?: EffectRequest): Omit<RunSoFar, 'spent'> {
  const tokens = new Map([...events, ...(asking ? [asking] : [])].filter((e) => e.kind === 'llm').map((e) => [e.stepId, e.tokens ?? 0] as const));
  const approvedAt = () => {
    const decisions = decisionsOf(history);
    const d = governingDecision(decisions, events, callAt()) ?? decisions[0];
    return d?.decision === 'approve' ? d.sentAt : undefined;
  };
  return { approvedAt, tokensOf: (id) => tokens.get(id) ?? 0 };
}

/** The ledger's gate for an agent's enforced rules: refuses a route's call as a gateway would (HTTP 403). */
export function agentPolicyGate(policies: readonly Policy[], history: Decided) {
  return (req: EffectRequest, at: number, events: readonly LedgerEvent[]): string | undefined => {
    const run = runSoFar(history, events, () => at, req);
    const gate = policyGate(policies, run.approvedAt, run.tokensOf);
    return gate({ ...req, ...asCall(req) }, at, events.map((e) => ({ ...e, ...asCall(e) })));
  };
}

/** No call broke a rule of the config's `policies`, and a refused call was not asked for again and again. */
export const policy: AgentProperty = {
  id: 'policy',
  check(history) {
    const policies = history.policies ?? [];
    if (policies.length === 0) return undefined;
    const events = [...history.events].sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
    let now = 0;
    const run = { ...runSoFar(history, events, () => now), spent: [] as PolicyCall[] };
    const evidence: Evidence[] = [];
    const broken = new Set<number>();
    for (const e of events.filter(tookEffect)) {
      now = e.receivedAt;
      const call = asCall(e);
      const breach = firstBreach(policies, call, e.receivedAt, run);
      run.spent.push(call);
      if (!breach || broken.has(breach.index)) continue;
      broken.add(breach.index);
      const fault = history.faults.filter((f) => f.at <= e.receivedAt).at(-1);
      evidence.push({ step: e.call?.label ?? e.stepId, message: `rule ${breach.index + 1} (${describePolicy(breach.policy)}) broken: ${describeCall(e)}: ${breach.message.replace(e.stepId, '').trim()}, ${fault ? `after ${fault.text}` : 'no fault before it'}` });
    }
    const refused = events.filter(refusedByPolicy);
    const byRoute = new Map<string, LedgerEvent[]>();
    for (const e of refused) byRoute.set(e.call?.label ?? e.stepId, [...(byRoute.get(e.call?.label ?? e.stepId) ?? []), e]);
    for (const [route, asks] of byRoute) {
      if (asks.length > MAX_REFUSED_ASKS) evidence.push({ step: route, message: `${route} was refused (${asks[0].reason}) and asked for ${asks.length} times: a refusal is final` });
    }
    return evidence.length ? { verdict: 'fail', evidence } : { verdict: 'pass', evidence: [{ message: `${policies.length} rule(s) kept${refused.length ? `; ${refused.length} call(s) refused` : ''}` }] };
  },
};
