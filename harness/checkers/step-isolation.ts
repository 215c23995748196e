import { allSteps, isEffectStep } from '../plan/walk.js';
import { dependencyGraph, effectPreds } from './dependencies.js';
import { answered, describeAttempt, eventsFor, faultsAround, ranFor } from './observe.js';
import { RECORD_GRACE_MS } from '../timing.js';
import { failWith, pass, type Checker, type Evidence } from './verdict.js';

// A step counts as completed once its answer arrived and either the worker outlived
// it by RECORD_GRACE_MS, or the same worker went on to a step that depends on it. A
// runtime that records a result takes far less, so a re-run after that is a replay of
// finished work (a lost checkpoint), not a retry of an unfinished step.

/** A failed step is retried alone; completed steps are not re-run. */
export const stepIsolation: Checker = {
  id: 'step-isolation',
  check({ scenario, oracle, history, faults }) {
    const runtimeCrashes = history.events.filter((e) => e.type === 'fault' && e.kind === 'restart-runtime' && e.action === 'crash-runtime').map((e) => e.at);
    const graph = dependencyGraph(scenario.plan, oracle);
    const nodes = new Map(graph.map((n) => [n.id, n] as const));
    const successors = (id: string) => graph.filter((n) => effectPreds(nodes, n).includes(id)).map((n) => n.id);
    const evidence: Evidence[] = [];
    for (const step of allSteps(scenario.plan).filter(isEffectStep)) {
      const events = eventsFor(history, step.id);
      // Whether the worker that got the answer had time to record it: RECORD_GRACE_MS of running, frozen time not counted.
      const recorded = (e: (typeof events)[number]) => ranFor(history, e.pid, e.finishedAt, RECORD_GRACE_MS);
      const completed = events.find((e) => {
        if (!answered(e)) return false;
        // The runtime's own server died around the answer: it may never have recorded it, so a re-run is a retry.
        if (runtimeCrashes.some((c) => c >= e.receivedAt && c - e.finishedAt < RECORD_GRACE_MS)) return false;
        if (recorded(e).at !== undefined) return true;
        // The same worker went on to a step that depends on this one: it had the result in hand.
        const next = successors(step.id);
        return history.effects.some((x) => x.pid === e.pid && next.includes(x.stepId) && x.receivedAt >= e.finishedAt);
      });
      if (!completed) continue;
      // A re-run counts from the answer; from the end of the grace if a freeze cut into it (the stalled worker could not record sooner).
      const { at, frozenEarly } = recorded(completed);
      const since = frozenEarly && at !== undefined ? at : completed.finishedAt;
      const reruns = events.filter((e) => e.receivedAt > since);
      if (reruns.length) {
        const cost = step.kind === 'llm' ? ` (${step.tokens * reruns.length} tokens wasted)` : '';
        evidence.push({
          step: step.id,
          attempts: [completed.attempt, ...reruns.map((e) => e.attempt)],
          fault: faultsAround(faults, step.id),
          message: `${step.id} completed (${describeAttempt(history, completed)}) and ran again ${reruns.length}x: ${reruns.map((e) => describeAttempt(history, e)).join(', ')}${cost}`,
        });
      }
    }
    return evidence.length ? failWith(evidence) : pass();
  },
};
