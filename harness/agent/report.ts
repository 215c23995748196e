import type { LedgerEvent } from '../ledger/events.js';
import type { CaseMetrics, CaseResult } from '../report/case.js';
import type { Category } from '../scenario/schema.js';
import { MODEL_LABELS } from '../world/script.js';
import { approvalsOf, type AgentScenario } from './config.js';
import { wastedTokens } from './properties/model-calls-once.js';
import type { AgentCaseResult } from './run-case.js';
import { agentTimeline } from './timeline.js';
import { restartsRuntime } from './faults.js';

// An own-agent case as the report model carries it, so every reporter, the scorecard
// and the gate read it like a runtime's case (decision 0063).

/**
 * Where the scorecard counts a scenario, unless it says: a crash is crash recovery, a
 * restart of the runtime's server runtime durability, a
 * lost or failed model answer is step replay, a lost or failed tool answer is effect
 * safety, an approval without faults is human-in-the-loop, anything else effect safety.
 */
export function categoryOf(s: AgentScenario): Category {
  if (s.category) return s.category;
  if (s.faults.some((f) => f.kind.startsWith('crash-worker'))) return 'crash-recovery';
  if (s.faults.some(restartsRuntime)) return 'runtime-durability';
  if (s.faults.some((f) => MODEL_LABELS.includes(f.label))) return 'step-replay';
  if (s.faults.length === 0 && approvalsOf(s).length) return 'approvals';
  return 'effect-safety';
}

export function describeScenario(s: AgentScenario): string {
  const turns = s.model.map((t) => ('tool' in t ? `calls ${t.tool}` : 'answers')).join(', then ');
  const approval = approvalsOf(s).map((a) => `; ${a.decision === 'none' ? 'no answer from a person' : `a person's ${a.decision === 'approve' ? 'approval' : 'rejection'}`} after turn ${a.afterTurn}`).join('');
  return `your agent; the model ${turns}${approval}`;
}

/** What a crash and the retries cost, measured on the world's record. */
export function agentMetrics(r: AgentCaseResult): CaseMetrics {
  const { events, killedAt } = r.history;
  const tries = new Map<string, number>();
  for (const e of events.filter((x) => x.call && x.outcome !== 'refused')) {
    const k = `${e.call!.label}\u0000${e.idempotencyKey ?? e.call!.bodyDigest}\u0000${e.kind === 'llm' ? e.stepId : ''}`;
    tries.set(k, (tries.get(k) ?? 0) + 1);
  }
  const extra = [...tries.values()].map((n) => n - 1);
  const llm = events.filter((e) => e.kind === 'llm' && e.outcome !== 'refused');
  return {
    durationMs: r.durationMs,
    reExecutedLlmCalls: llm.length - new Set(llm.map((e) => e.stepId)).size,
    wastedTokens: wastedTokens(events),
    // From the kill to the restarted worker's first call: its start-up included (decision 0063).
    recoveryMs: killedAt.flatMap((t) => firstCallAfter(events, t)),
    retries: extra.reduce((a, n) => a + n, 0),
    maxRetriesPerEffect: Math.max(0, ...extra),
    workerStarts: 1 + killedAt.length,
  };
}

const firstCallAfter = (events: readonly LedgerEvent[], t: number) => {
  const next = events.find((e) => e.receivedAt >= t);
  return next ? [next.receivedAt - t] : [];
};

export function agentCaseResult(s: AgentScenario, r: AgentCaseResult, repro: string, dir: string): CaseResult {
  const category = categoryOf(s);
  const timeline = agentTimeline(s, r.history, r.durationMs);
  return {
    id: `${category}/${s.name}`,
    scenario: s.name,
    category,
    description: describeScenario(s),
    faults: s.faults.map((f) => f.text),
    verdict: r.verdict,
    properties: r.properties,
    ...(r.notes.length ? { notes: r.notes } : {}),
    metrics: agentMetrics(r),
    repro,
    dir,
    ...(timeline ? { timeline } : {}),
  };
}
