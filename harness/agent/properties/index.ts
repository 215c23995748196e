import { approvalIntegrity } from './approval-integrity.js';
import { auditTrail } from './audit-trail.js';
import { completes } from './completes.js';
import { effectsExactlyOnce } from './effects-exactly-once.js';
import type { AgentHistory, AgentProperty, AgentPropertyResult } from './history.js';
import { identity } from './identity.js';
import { modelCallsOnce } from './model-calls-once.js';
import { policy } from './policy.js';

export const agentProperties: readonly AgentProperty[] = [completes, effectsExactlyOnce, modelCallsOnce, approvalIntegrity, identity, policy, auditTrail];

/** Judge each property on its own; one that throws is unknown, never a crash of the run. */
export function judgeAgentRun(history: AgentHistory, list: readonly AgentProperty[] = agentProperties): AgentPropertyResult[] {
  return list.flatMap((p) => {
    try {
      const r = p.check(history);
      return r ? [{ id: p.id, ...r }] : [];
    } catch (err) {
      return [{ id: p.id, verdict: 'unknown' as const, evidence: [{ message: `checker error: ${(err as Error).message}` }] }];
    }
  });
}
