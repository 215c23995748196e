import type { Plan } from './plan/schema.js';
import { allSteps } from './plan/walk.js';
import { tookEffect } from './ledger/events.js';
import { restarts, runsOf, type CaseHistory } from './history.js';
import type { CaseMetrics } from './report/case.js';

export function measure(plan: Plan, history: CaseHistory, endedAt: number): CaseMetrics {
  const runs = new Set(runsOf(history));
  const mine = history.effects.filter((e) => runs.has(e.runId) && e.kind !== 'approval-request' && e.kind !== 'agent-start' && e.outcome !== 'refused');
  let reExecutedLlmCalls = 0;
  let wastedTokens = 0;
  for (const step of allSteps(plan)) {
    if (step.kind !== 'llm') continue;
    // Each run may call each step once: what is beyond that, per run, was paid twice.
    const extra = [...runs].reduce((n, run) => n + Math.max(0, mine.filter((e) => e.runId === run && e.stepId === step.id && tookEffect(e)).length - 1), 0);
    reExecutedLlmCalls += extra;
    wastedTokens += extra * step.tokens;
  }
  const perStep = new Map<string, number>();
  for (const e of mine) {
    const key = `${e.runId}\u0000${e.stepId}`;
    perStep.set(key, (perStep.get(key) ?? 0) + 1);
  }
  const retriesPer = [...perStep.values()].map((n) => n - 1);
  const readies = history.events.filter((e): e is Extract<typeof e, { type: 'worker' }> => e.type === 'worker' && e.event === 'ready');
  const recoveryMs = restarts(history).flatMap((r) => {
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
