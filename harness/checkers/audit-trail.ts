import { allSteps, isEffectStep } from '../plan/walk.js';
import { answered, eventsFor } from './observe.js';
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/** The runtime's own history lists every step and agrees with the ledger. */
export const auditTrail: Checker = {
  id: 'audit-trail',
  check({ scenario, oracle, history }) {
    const record = history.runtimeHistory;
    if (!record) return undefined;
    if (history.result?.status !== 'completed') return unknown('the run did not complete, so its history is not final');
    const evidence: Evidence[] = [];
    const known = new Map(allSteps(scenario.plan).map((s) => [s.id, s] as const));
    const byId = new Map(record.steps.map((s) => [s.stepId, s] as const));
    for (const step of allSteps(scenario.plan)) {
      if (!oracle.taken.has(step.id) || step.kind === 'parallel') continue;
      const entry = byId.get(step.id);
      if (!entry || entry.status !== 'completed') {
        evidence.push({ step: step.id, message: `${step.id} ran, but the runtime's history ${entry ? `shows it ${entry.status}` : 'does not list it'}` });
        continue;
      }
      if (isEffectStep(step)) {
        const answer = eventsFor(history, step.id).find(answered);
        if (!answer) evidence.push({ step: step.id, message: `the history shows ${step.id} completed, but the ledger never answered it` });
        else if (entry.result !== undefined && entry.result !== history.result.output.results[step.id]) {
          evidence.push({ step: step.id, message: `the history records ${step.id} = ${JSON.stringify(entry.result)}, the run returned ${JSON.stringify(history.result.output.results[step.id])}` });
        }
      }
    }
    for (const entry of record.steps) {
      if (!known.has(entry.stepId)) evidence.push({ step: entry.stepId, message: `the history lists "${entry.stepId}", which is not a step of the plan` });
      else if (oracle.forbidden.has(entry.stepId) && entry.status === 'completed') evidence.push({ step: entry.stepId, message: `the history shows ${entry.stepId} completed, though its branch was not taken` });
    }
    return evidence.length ? failWith(evidence) : pass(`${record.steps.length} history entries agree with the ledger`);
  },
};
