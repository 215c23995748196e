import type { CaseHistory } from '../history.js';
import { computeOracle, type Oracle } from '../oracle.js';
import { findStep } from '../plan/walk.js';
import { decisionsTaken } from '../plan/child-approvals.js';
import type { Scenario } from '../scenario/schema.js';
import { DECISION_RACE_MARGIN_MS } from '../timing.js';
import { firstRequestAt, ms } from './observe.js';

// A human's decision given while no worker was up can only be taken once one is back.
// When that is near or past the approval's deadline, the decision and the timer race,
// and what the run does is no longer the plan's to say (issue 21; decision 0039).

/**
 * A decision that raced its approval's deadline. `close`: the restarted worker was
 * ready within the margin either side of the deadline, so the outcome is a coin flip
 * on the runtime's recovery time: what follows from the decision is not judged. Not
 * close: the outage spans the deadline, the timer was due before any worker could take
 * the decision, and either outcome is the runtime's to choose; what it tells the human
 * is still judged (approval-integrity).
 */
export interface DecisionRace {
  step: string;
  close: boolean;
  reason: string;
}

/** The decisions of this case that raced their deadline. */
export function decisionRaces(scenario: Scenario, history: CaseHistory): DecisionRace[] {
  // A runtime that takes long to start a worker takes as long to restart one: the margin grows with it.
  const margin = Math.max(DECISION_RACE_MARGIN_MS, firstStartMs(history) ?? 0);
  const at = (t: number) => `+${ms(t - history.startedAt)}`;
  return Object.keys(scenario.decisions).flatMap((id) => {
    const step = findStep(scenario.plan, id);
    const asked = firstRequestAt(history, id);
    const given = history.events.find((e) => e.type === 'op' && e.op === 'deliver-approval' && e.phase === 'invoke' && e.step === id)?.at;
    if (step?.kind !== 'approval' || asked === undefined || given === undefined) return [];
    const deadline = asked + step.timeoutMs;
    // An answer after the deadline is late, whoever is up: a runtime must not take it.
    if (given >= deadline || !noWorkerAt(history, given)) return [];
    const ready = history.events.find((e) => e.type === 'worker' && !e.serves && e.event === 'ready' && e.at > given)?.at;
    if (ready === undefined || ready <= deadline - margin) return [];
    const close = ready < deadline + margin;
    const why = close
      ? `within ${ms(margin)} of the deadline (${at(deadline)}): whether the run takes the decision or times out is a race with the runtime's recovery, not its design`
      : `${ms(ready - deadline)} after the deadline (${at(deadline)}): the timer was due before any worker could take the decision, so either outcome is the runtime's to choose`;
    return [{ step: id, close, reason: `the decision on ${id} was given at ${at(given)} while no worker was up, and the restarted worker was ready at ${at(ready)}, ${why}` }];
  });
}

/**
 * The oracle to judge against: where the run timed out on a decision that raced its
 * deadline, the one in which nobody answered in time. A run that took the decision, or
 * the opposite one, is judged against the scenario's own oracle.
 */
export function oracleAfterRaces(scenario: Scenario, oracle: Oracle, history: CaseHistory, races: readonly DecisionRace[]): Oracle {
  const output = history.result?.status === 'completed' ? history.result.output : undefined;
  const took = output ? decisionsTaken(output, scenario.plan) : {};
  const timedOut = races.filter((r) => took[r.step] === 'timed-out').map((r) => r.step);
  if (timedOut.length === 0) return oracle;
  const decisions = Object.fromEntries(Object.entries(scenario.decisions).filter(([id]) => !timedOut.includes(id)));
  return computeOracle({ ...scenario, decisions });
}

/**
 * How long the case's first worker took from its spawn to ready: what the case waited.
 * For a warm spare (decision 0074) that is from its hand-over, not from the loading it
 * did before the case (`warmMs`): its restarts take spares too (decision 0075).
 */
function firstStartMs(history: CaseHistory): number | undefined {
  const spawned = history.events.find((e) => e.type === 'worker' && !e.serves && e.event === 'spawned');
  const ready = history.events.find((e) => e.type === 'worker' && !e.serves && e.event === 'ready');
  return spawned && ready ? ready.at - spawned.at : undefined;
}

/**
 * Whether every worker started so far was gone at `t` (killed, exited or stopped). A
 * killed worker is gone from the moment SIGKILL was sent: it runs no code after that,
 * though on a loaded machine it is reaped (and logged) a few hundred ms later.
 */
function noWorkerAt(history: CaseHistory, t: number): boolean {
  const up = new Set<number>();
  let started = false;
  const gone = (e: (typeof history.events)[number]) => (e.type === 'worker' && e.event === 'killed' ? (e.signalledAt ?? e.at) : e.at);
  const seen = history.events.filter((e) => gone(e) <= t).sort((a, b) => gone(a) - gone(b));
  for (const e of seen) {
    // The child runs' own worker (decision 0110) cannot take a decision: approvals are the parent's.
    if (e.type !== 'worker' || e.serves) continue;
    if (e.event === 'ready') {
      up.add(e.pid);
      started = true;
    } else if (e.event === 'killed' || e.event === 'exited' || e.event === 'stopped') up.delete(e.pid);
  }
  return started && up.size === 0;
}
