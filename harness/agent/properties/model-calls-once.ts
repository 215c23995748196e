import type { AgentHistory, AgentProperty } from './history.js';

/**
 * No model turn was asked for again after its answer had reached the agent: a repeat
 * pays for the same tokens twice. A retry of an answer that was lost is fair.
 */
export const modelCallsOnce: AgentProperty = {
  id: 'model-calls-once',
  check({ events }) {
    const calls = events.filter((e) => e.kind === 'llm' && e.call);
    if (calls.length === 0) return undefined;
    const answered = new Set<string>();
    const repeats = new Map<string, { n: number; tokens: number }>();
    for (const e of calls) {
      if (answered.has(e.stepId) && e.outcome !== 'refused') {
        const r = repeats.get(e.stepId) ?? { n: 0, tokens: 0 };
        repeats.set(e.stepId, { n: r.n + 1, tokens: r.tokens + (e.tokens ?? 0) });
      }
      if (e.outcome === 'applied') answered.add(e.stepId);
    }
    if (repeats.size === 0) return { verdict: 'pass', evidence: [] };
    return {
      verdict: 'fail',
      evidence: [...repeats].map(([turn, r]) => ({ step: turn, message: `${turn} was asked for ${r.n} more time(s) after its answer reached the agent (${r.tokens} tokens wasted)` })),
    };
  },
};

/** Tokens paid for model calls beyond the first answered one per turn, lost answers included. */
export function wastedTokens(events: AgentHistory['events']): number {
  const seen = new Set<string>();
  let wasted = 0;
  for (const e of events) {
    if (e.kind !== 'llm' || (e.outcome !== 'applied' && e.outcome !== 'response-lost')) continue;
    if (seen.has(e.stepId)) wasted += e.tokens ?? 0;
    seen.add(e.stepId);
  }
  return wasted;
}
