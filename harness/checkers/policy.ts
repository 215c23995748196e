import { tookEffect, type LedgerEvent } from '../ledger/events.js';
import type { CaseHistory } from '../history.js';
import { describeFault, type Fault } from '../faults/registry.js';
import { tokensByStep } from '../policy/predict.js';
import { approvedIn, firstBreach, refusedByPolicy } from '../policy/rules.js';
import { describePolicy, type Policy } from '../policy/schema.js';
import { describeAttempt } from './observe.js';
import type { Plan } from '../plan/schema.js';

type PlanSteps = Pick<Plan, 'steps'>;
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/**
 * How often a run may ask for a call the gate refused: once, and again after a crash
 * cut it off before it recorded the refusal. More is retrying a refusal, which never
 * succeeds: a run that does it forever spends its deadline asking (decision 0060).
 */
export const MAX_REFUSED_ASKS = 3;

/**
 * No call of the run broke a declared rule, and a call the ledger refused for a rule
 * ended the run cleanly: failed, not retried forever, nothing done past it, not
 * completed as if the call had been made (decisions 0059, 0060).
 */
export const policy: Checker = {
  id: 'policy',
  check({ scenario, oracle, history, faults }) {
    const policies = scenario.policies ?? [];
    if (policies.length === 0) return undefined;
    const calls = history.effects.filter((e) => e.runId === history.runId).sort((a, b) => a.receivedAt - b.receivedAt || a.seq - b.seq);
    const failures = [...broken(policies, calls, history, faults, scenario.plan), ...afterRefusal(calls, history)];
    if (failures.length) return failWith(failures);
    const refused = calls.find(refusedByPolicy);
    if (refused && !history.result) return unknown(`${refused.stepId} was refused and the run neither failed nor completed by its deadline`);
    if (!refused && oracle.refused) {
      const why = `${oracle.refused.step} was never asked for, though rule ${oracle.refused.index + 1} (${describePolicy(oracle.refused.policy)}) would refuse it`;
      return history.result?.status === 'completed' ? failWith([{ step: oracle.refused.step, message: `${why}, and the run completed` }]) : unknown(why);
    }
    return pass(`${policies.length} rule(s) kept${refused ? `; ${refused.stepId} was refused and the run failed there` : ''}`);
  },
};

/** The calls that broke a rule, the first per rule (with how many more did), each with the fault it came after. */
function broken(policies: readonly Policy[], calls: readonly LedgerEvent[], history: CaseHistory, faults: Fault[], plan: PlanSteps): Evidence[] {
  // history.events holds this run's operations only.
  const approvedAt = (approval: string) => approvedIn(history.events, approval);
  const run = { spent: [] as LedgerEvent[], approvedAt, tokensOf: tokensByStep(plan) };
  const byRule = new Map<number, { first: Evidence; more: number }>();
  for (const e of calls) {
    if (!tookEffect(e)) continue;
    const breach = firstBreach(policies, e, e.receivedAt, run);
    run.spent.push(e);
    if (!breach) continue;
    const seen = byRule.get(breach.index);
    if (seen) seen.more++;
    else {
      const fault = faultBefore(history, faults, e.receivedAt);
      const message = `rule ${breach.index + 1} (${describePolicy(breach.policy)}) broken: ${breach.message} (${describeAttempt(history, e)}), ${fault}`;
      byRule.set(breach.index, { first: { step: e.stepId, attempts: [e.attempt], fault, message }, more: 0 });
    }
  }
  return [...byRule.values()].map(({ first, more }) => (more ? { ...first, message: `${first.message}, and ${more} later call(s) too` } : first));
}

/** What the run did once the ledger refused a call for a rule. */
function afterRefusal(calls: readonly LedgerEvent[], history: CaseHistory): Evidence[] {
  const refused = calls.find(refusedByPolicy);
  if (!refused) return [];
  const out: Evidence[] = [];
  const asks = calls.filter((e) => refusedByPolicy(e) && e.stepId === refused.stepId);
  if (asks.length > MAX_REFUSED_ASKS) {
    out.push({ step: refused.stepId, attempts: asks.map((e) => e.attempt), message: `${refused.stepId} was refused (${refused.reason}) and asked for ${asks.length} times: a refusal is final, and retrying it only spends the run's time` });
  }
  const past = calls.filter((e) => tookEffect(e) && e.receivedAt > refused.finishedAt && e.stepId !== refused.stepId && e.kind !== 'approval-request');
  if (past.length) out.push({ step: past[0].stepId, attempts: past.map((e) => e.attempt), message: `the run went on after ${refused.stepId} was refused: ${past.map((e) => `${e.stepId} ${describeAttempt(history, e)}`).join(', ')}` });
  if (history.result?.status === 'completed') out.push({ step: refused.stepId, message: `the run completed although ${refused.stepId} was refused (${refused.reason}): it skipped the refused call silently` });
  return out;
}

/** "after crash-worker after-effect charge (down 200 ms) at +812ms": the last fault that struck before the call. */
function faultBefore(history: CaseHistory, faults: Fault[], at: number): string {
  // 'drawn' and 'not-injected' are notes, not something done to the system.
  const struck = history.events.filter((e) => e.type === 'fault' && e.action !== 'drawn' && e.action !== 'not-injected' && e.at <= at).at(-1);
  if (!struck || struck.type !== 'fault') return 'no fault before it';
  const fault = faults[struck.fault];
  return `after ${fault ? describeFault(fault) : struck.kind} at +${struck.at - history.startedAt}ms`;
}
