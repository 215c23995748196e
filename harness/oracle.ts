import type { Capability } from './adapter.js';
import { agentResult, branchTaken, sortOutput, type Decision, type RunOutput } from './plan/execute.js';
import type { Step } from './plan/schema.js';
import { allSteps, isEffectStep } from './plan/walk.js';
import { agentsAround } from './plan/child-approvals.js';
import { responseFor } from './ledger/response.js';
import { runDecisions, type Scenario } from './scenario/schema.js';
import { packageOf } from './faults/registry.js';
import { predictRefusal, type Refusal } from './policy/predict.js';

/** What a correct runtime must do with a scenario: derived from the plan and the humans alone. */
export interface Oracle {
  output: RunOutput;
  /** Every decision on the run's path, its children's included (decision 0112): step ids are unique across the plan. */
  decisions: Record<string, Decision>;
  /** Steps on the path the run must take (effects, approvals, sleeps). */
  taken: Set<string>;
  /** Steps on paths the decisions and timeouts rule out: they must never take effect. */
  forbidden: Set<string>;
  needs: Capability[];
  /**
   * The call an enforced policy refuses on this run's path, if any: the run must then
   * fail there, and no step after it may take effect (decision 0060). The refused step
   * is neither taken nor forbidden: it is asked for, and refused.
   */
  refused?: Refusal;
}

/** `decisions`: what this run's humans answer (the scenario's, by default). */
export function expectedDecision(scenario: Scenario, approvalId: string, decisions = scenario.decisions): Decision {
  const decision = decisions[approvalId];
  // A fault can make the run's answer come too late (approve-late): then it times out.
  const late = scenario.faults.some((f) => 'step' in f && f.step === approvalId && packageOf(f).oracle.timesOut);
  if (!decision || late) return 'timed-out';
  return decision === 'approve' ? 'approved' : 'rejected';
}

/** One oracle per run of the case, in run order: each from its own humans' decisions. */
export function oraclesFor(scenario: Scenario): Oracle[] {
  return runDecisions(scenario).map((decisions) => computeOracle(scenario, decisions));
}

export function computeOracle(scenario: Scenario, decisions = scenario.decisions): Oracle {
  const output: RunOutput = { results: {}, decisions: {} };
  const taken = new Set<string>();
  const decided: Record<string, Decision> = {};
  const refused = predictRefusal(scenario.plan, scenario.policies ?? [], (id) => expectedDecision(scenario, id, decisions));
  let stopped = false;
  // `into`: the output of the run the steps belong to; an agent step's child has its own.
  const walk = (steps: Step[], into: RunOutput) => {
    for (const step of steps) {
      // The run ends at a refused call: nothing after it is on the path.
      if (stopped || step.id === refused?.step) {
        stopped = true;
        return;
      }
      taken.add(step.id);
      if (isEffectStep(step)) into.results[step.id] = responseFor(step.id, step.kind === 'tool' ? step.tool : undefined);
      else if (step.kind === 'approval') {
        const d = expectedDecision(scenario, step.id, decisions);
        into.decisions[step.id] = d;
        decided[step.id] = d;
        walk(branchTaken(step, d), into);
      } else if (step.kind === 'parallel') step.branches.forEach((b) => walk(b, into));
      else if (step.kind === 'agent') {
        const child: RunOutput = { results: {}, decisions: {} };
        walk(step.plan.steps, child);
        into.results[step.id] = agentResult(child);
      }
    }
  };
  walk(scenario.plan.steps, output);
  const forbidden = new Set(allSteps(scenario.plan).map((s) => s.id).filter((id) => !taken.has(id) && id !== refused?.step));
  const needs: Capability[] = [];
  if (Object.values(decided).includes('timed-out')) needs.push('approval-timeouts');
  if (allSteps(scenario.plan).some((s) => s.kind === 'agent')) needs.push('agent-steps');
  if (allSteps(scenario.plan).some((s) => s.kind === 'approval' && agentsAround(scenario.plan, s.id).length)) needs.push('child-approvals');
  for (const f of scenario.faults) {
    const need = packageOf(f).oracle.needs;
    if (need && !needs.includes(need)) needs.push(need);
  }
  const sorted = sortOutput(output);
  return { output: sorted, decisions: sortOutput({ results: {}, decisions: decided }).decisions, taken, forbidden, needs, ...(refused ? { refused } : {}) };
}
