import type { RunOutput } from '../plan/execute.js';
import type { Step } from '../plan/schema.js';
import { allSteps, isEffectStep } from '../plan/walk.js';
import { answered, childrenStarted, eventsFor } from './observe.js';
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/**
 * The runtime's own history lists every step and agrees with the ledger; an agent
 * step's entry links to the child run the ledger saw start, whose steps are listed too.
 */
export const auditTrail: Checker = {
  id: 'audit-trail',
  check({ scenario, oracle, history }) {
    const record = history.runtimeHistory;
    if (!record) return undefined;
    // A run a policy stopped is final once it failed there (decision 0060): its steps are the ledger's answers.
    const stoppedByPolicy = oracle.refused !== undefined && history.result?.status === 'failed';
    if (history.result?.status !== 'completed' && !stoppedByPolicy) return unknown('the run did not complete, so its history is not final');
    const evidence: Evidence[] = [];
    const known = new Map(allSteps(scenario.plan).map((s) => [s.id, s] as const));
    const byId = new Map(record.steps.map((s) => [s.stepId, s] as const));
    const returned = history.result?.status === 'completed' ? resultsReturned(scenario.plan.steps, history.result.output) : new Map(Object.entries(oracle.output.results));
    const refused = oracle.refused && byId.get(oracle.refused.step);
    if (refused?.status === 'completed') evidence.push({ step: refused.stepId, message: `the history shows ${refused.stepId} completed, though a policy refused it` });
    for (const step of allSteps(scenario.plan)) {
      if (!oracle.taken.has(step.id) || step.kind === 'parallel') continue;
      const entry = byId.get(step.id);
      if (!entry || entry.status !== 'completed') {
        evidence.push({ step: step.id, message: `${step.id} ran, but the runtime's history ${entry ? `shows it ${entry.status}` : 'does not list it'}` });
        continue;
      }
      if (step.kind === 'agent') {
        const started = [...childrenStarted(eventsFor(history, step.id)).keys()];
        if (!entry.childRun) evidence.push({ step: step.id, message: `the history shows ${step.id} completed, but names no child run (the ledger saw ${started.join(', ') || 'none'} start)` });
        else if (started.length && !started.includes(entry.childRun)) evidence.push({ step: step.id, message: `the history links ${step.id} to child run ${entry.childRun}, but the ledger saw ${started.join(', ')} start` });
      }
      if (isEffectStep(step) && !eventsFor(history, step.id).some(answered)) {
        evidence.push({ step: step.id, message: `the history shows ${step.id} completed, but the ledger never answered it` });
      } else if ((isEffectStep(step) || step.kind === 'agent') && entry.result !== undefined && entry.result !== returned.get(step.id)) {
        evidence.push({ step: step.id, message: `the history records ${step.id} = ${JSON.stringify(entry.result)}, the run returned ${JSON.stringify(returned.get(step.id))}` });
      }
    }
    for (const entry of record.steps) {
      if (!known.has(entry.stepId)) evidence.push({ step: entry.stepId, message: `the history lists "${entry.stepId}", which is not a step of the plan` });
      else if (oracle.forbidden.has(entry.stepId) && entry.status === 'completed') evidence.push({ step: entry.stepId, message: `the history shows ${entry.stepId} completed, though its branch was not taken` });
    }
    return evidence.length ? failWith(evidence) : pass(`${record.steps.length} history entries agree with the ledger`);
  },
};

/** Every step's result as the run returned it: a child's steps' inside its agent step's result. */
function resultsReturned(steps: Step[], output: RunOutput): Map<string, string> {
  const out = new Map(Object.entries(output.results));
  for (const step of allSteps({ steps })) {
    if (step.kind !== 'agent' || !out.has(step.id)) continue;
    let child: RunOutput;
    try {
      child = JSON.parse(out.get(step.id)!) as RunOutput;
    } catch {
      continue; // not a child's output: agent-calls says so
    }
    if (child && typeof child.results === 'object') for (const [id, v] of resultsReturned(step.plan.steps, child)) out.set(id, v);
  }
  return out;
}
