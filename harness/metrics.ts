import type { Plan } from './plan/schema.js';
import { allSteps } from './plan/walk.js';
import { tookEffect } from './ledger/events.js';
import type { CaseHistory } from './history.js';
import type { CaseMetrics } from './report/case.js';

export function measure(plan: Plan, history: CaseHistory, endedAt: number): CaseMetrics {
  const mine = history.effects.filter((e) => e.runId === history.runId && e.kind !== 'approval-request' && e.outcome !== 'refused');
  let reExecutedLlmCalls = 0;
  let wastedTokens = 0;
  for (const step of allSteps(plan)) {
    if (step.kind !== 'llm') continue;
    const extra = Math.max(0, mine.filter((e) => e.stepId === step.id && tookEffect(e)).length - 1);
    reExecutedLlmCalls += extra;
    wastedTokens += extra * step.tokens;
  }
  const perStep = new Map<string, number>();
  for (const e of mine) perStep.set(e.stepId, (perStep.get(e.stepId) ?? 0) + 1);
  const retriesPer = [...perStep.values()].map((n) => n - 1);
  const readies = history.events.filter((e): e is Extract<typeof e, { type: 'worker' }> => e.type === 'worker' && e.event === 'ready');
  const recoveryMs = readies.slice(1).flatMap((r) => {
    const next = mine.find((e) => e.pid === r.pid && e.receivedAt >= r.at);
    return next ? [next.receivedAt - r.at] : [];
  });
  return {
    durationMs: endedAt - history.startedAt,
    reExecutedLlmCalls,
    wastedTokens,
    recoveryMs,
    retries: retriesPer.reduce((a, b) => a + b, 0),
    maxRetriesPerEffect: Math.max(0, ...retriesPer),
    workerStarts: readies.length,
  };
}
