import { tookEffect } from '../ledger/events.js';
import { allSteps } from '../plan/walk.js';
import { runsOf } from '../history.js';
import { describeAttempt } from './observe.js';
import { failWith, pass, type Checker, type Evidence } from './verdict.js';

/** Nothing ran that the plan, the decisions and the timeouts forbid. */
export const noPhantomEffects: Checker = {
  id: 'no-phantom-effects',
  check({ scenario, oracle, history }) {
    const known = new Set(allSteps(scenario.plan).map((s) => s.id));
    const evidence: Evidence[] = [];
    // Another run's effects are judged against that run's oracle, when it is judged.
    const others = new Set(runsOf(history).filter((id) => id !== history.runId));
    for (const e of history.effects.filter((x) => tookEffect(x) && !others.has(x.runId))) {
      if (e.runId !== history.runId) evidence.push({ step: e.stepId, message: `an effect for unknown run "${e.runId}" (${e.stepId})` });
      else if (!known.has(e.stepId)) evidence.push({ step: e.stepId, message: `"${e.stepId}" is not a step of the plan, yet it took effect` });
      else if (oracle.forbidden.has(e.stepId)) {
        const why = Object.entries(oracle.decisions).map(([id, d]) => `${id} ${d}`).join(', ');
        // Past a refused call the run must have stopped (decision 0060): say that, not which branch.
        const notTaken = oracle.refused ? `it is not on the run's path (the run stops at ${oracle.refused.step}, which a policy refuses${why ? `; ${why}` : ''})` : `its branch was not taken (${why})`;
        evidence.push({ step: e.stepId, attempts: [e.attempt], message: `${e.stepId} took effect (${describeAttempt(history, e)}) though ${notTaken}` });
      }
    }
    return evidence.length ? failWith(evidence) : pass();
  },
};
