import { allSteps, isEffectStep } from '../plan/walk.js';
import type { LedgerEvent } from '../ledger/events.js';
import { dependencyGraph, effectPreds } from './dependencies.js';
import { answered, describeAttempt, eventsFor, faultsAround, ranFor } from './observe.js';
import { RECORD_GRACE_MS } from '../timing.js';
import { concurrentAttempts } from './split-brain.js';
import { failWith, pass, type Checker, type Evidence } from './verdict.js';

// A step counts as completed once its answer arrived and either the worker outlived
// it by RECORD_GRACE_MS, or the same worker went on to a step that depends on it. A
// runtime that records a result takes far less, so a re-run after that is a replay of
// finished work (a lost checkpoint), not a retry of an unfinished step.

/** One answer that the runtime had time to record: any request for the step after `since` is a re-run. */
interface Completion {
  event: LedgerEvent;
  since: number;
}

/**
 * A failed step is retried alone; completed steps are not re-run; no step runs on
 * two live workers at once (docs/decisions/0032-step-isolation-earliest-completion.md).
 */
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
      const completion = (e: LedgerEvent): Completion | undefined => {
        // Not an answer the worker had: lost, or abandoned unread when its own timeout fired
        // first (a starved event loop): a re-run after it is a retry (decision 0054).
        if (!answered(e)) return undefined;
        // The runtime's own server died around the answer: it may never have recorded it, so a re-run is a retry.
        if (runtimeCrashes.some((c) => c >= e.receivedAt && c - e.finishedAt < RECORD_GRACE_MS)) return undefined;
        // Whether the worker that got the answer had time to record it: RECORD_GRACE_MS of running, frozen time not counted.
        const { at, frozenEarly } = ranFor(history, e.pid, e.finishedAt, RECORD_GRACE_MS);
        // A re-run counts from the answer; from the end of the grace if a freeze cut into it (the stalled worker could not record sooner).
        if (at !== undefined) return { event: e, since: frozenEarly ? at : e.finishedAt };
        // The same worker went on to a step that depends on this one: it had the result in hand.
        const next = successors(step.id);
        const moved = history.effects.some((x) => x.runId === history.runId && x.pid === e.pid && next.includes(x.stepId) && x.receivedAt >= e.finishedAt);
        return moved ? { event: e, since: e.finishedAt } : undefined;
      };
      // Every completion marks what came after it as a re-run, so the one whose re-runs start first
      // decides, over all workers: not the first answer in list order (a zombie's own answer, delivered
      // while it was frozen, counts only from its thaw and must not hide another worker's completion).
      const completed = events
        .map(completion)
        .filter((c): c is Completion => c !== undefined)
        .sort((a, b) => a.since - b.since)[0];
      const reruns = completed ? events.filter((e) => e.receivedAt > completed.since) : [];
      if (completed && reruns.length) {
        const cost = step.kind === 'llm' ? ` (${step.tokens * reruns.length} tokens wasted)` : '';
        evidence.push({
          step: step.id,
          attempts: [completed.event.attempt, ...reruns.map((e) => e.attempt)],
          fault: faultsAround(faults, step.id),
          message: `${step.id} completed (${describeAttempt(history, completed.event)}) and ran again ${reruns.length}x: ${reruns.map((e) => describeAttempt(history, e)).join(', ')}${cost}`,
        });
        continue;
      }
      const overlap = concurrentAttempts(history, events);
      if (overlap) {
        const [a, b] = overlap;
        const cost = step.kind === 'llm' ? ` (${step.tokens} tokens wasted)` : '';
        evidence.push({
          step: step.id,
          attempts: [a.attempt, b.attempt],
          fault: faultsAround(faults, step.id),
          message: `${step.id} ran on two live workers at once (split brain): ${describeAttempt(history, a)} and ${describeAttempt(history, b)} were both in flight${cost}`,
        });
      }
    }
    return evidence.length ? failWith(evidence) : pass();
  },
};
