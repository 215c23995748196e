import { tookEffect } from '../ledger/events.js';
import { branchTaken, type Decision } from '../plan/execute.js';
import { findStep, isEffectStep } from '../plan/walk.js';
import { decisionsTaken } from '../plan/child-approvals.js';
import type { Fault } from '../faults/registry.js';
import type { Step } from '../plan/schema.js';
import { runsOf, type CaseHistory, type HistoryEvent } from '../history.js';
import { runDecisions, type Scenario } from '../scenario/schema.js';
import { decisionRaces } from './decision-races.js';
import { eventsFor, firstRequestAt, ms } from './observe.js';
import { repeatedRequest } from './repeated-requests.js';
import { keyOfAnotherRun } from './shared-keys.js';
import { failWith, pass, unknown, type Checker, type CheckInput, type Evidence } from './verdict.js';

/**
 * Each approval is asked for once and consumed once: duplicates are ignored, an early
 * approval is not lost, a late one after the timeout changes nothing, and the branch it
 * opens does not start before it was given. A human told "ok" for a decision given before
 * the deadline was told the truth: the run took it. A decision that raced its deadline
 * by a hair is not judged (decision-races.ts).
 */
export const approvalIntegrity: Checker = {
  id: 'approval-integrity',
  check({ scenario, oracle, history, faults }) {
    const ids = Object.keys(oracle.decisions);
    if (ids.length === 0) return undefined;
    const evidence: Evidence[] = [];
    const output = history.result?.status === 'completed' ? history.result.output : undefined;
    // A decision inside a child is the child's: it reports it in the output its parent got (decision 0112).
    const took = output ? decisionsTaken(output, scenario.plan) : undefined;
    const races = decisionRaces(scenario, history);
    const coinFlips: string[] = [];
    for (const id of ids) {
      const expected = oracle.decisions[id];
      const delivered = deliveries(history, id);
      const asked = repeatedRequest(history, id);
      if (asked) evidence.push({ ...asked, fault: faultsOn(faults, id) });
      const shared = keyOfAnotherRun(history, id);
      if (shared) evidence.push({ ...shared, message: `the human was never asked for this run: ${shared.message}`, fault: faultsOn(faults, id) });
      const race = races.find((r) => r.step === id);
      const got = took?.[id];
      // A coin flip between the decision and the timer; the opposite decision is still wrong.
      if (race?.close && (!output || got === 'timed-out' || got === expected)) coinFlips.push(race.reason);
      else if (output) {
        if (got !== expected) evidence.push({ step: id, fault: faultsOn(faults, id), message: `${id}: expected ${expected}, the run took ${got ?? 'no decision'}: ${fromAnotherRun(scenario, history, id, got) ?? explain(faults, id, expected, got, delivered, history)}` });
        const lie = toldOkButNotTaken(scenario.plan, history, id, got);
        if (lie) evidence.push({ step: id, fault: faultsOn(faults, id), message: lie });
      }
      const step = findStep(scenario.plan, id);
      if (step?.kind !== 'approval' || expected === 'timed-out' || delivered.length === 0) continue;
      const first = firstEffect(branchTaken(step, expected));
      if (!first) continue;
      const early = eventsFor(history, first).filter(tookEffect).find((e) => e.receivedAt < delivered[0]);
      if (early) evidence.push({ step: id, message: `${first} (after ${id}) took effect at +${ms(early.receivedAt - history.startedAt)}, before any decision was given (+${ms(delivered[0] - history.startedAt)})` });
    }
    if (evidence.length) return failWith(evidence);
    if (coinFlips.length) return unknown(coinFlips.join('; '));
    return output ? pass() : unknown('the run did not complete, so its decisions are unknown');
  },
};

/**
 * When each delivery was invoked: a decision may take effect anywhere between its
 * invoke and its ok (a runtime whose delivery call waits for the handler, as
 * Restate's does, answers ok after the run already moved on).
 */
function deliveries(history: CaseHistory, stepId: string): number[] {
  return history.events.filter((e) => e.type === 'op' && e.op === 'deliver-approval' && e.step === stepId && e.phase === 'invoke').map((e) => e.at);
}

/**
 * A delivery invoked before the deadline that answered ok, for a decision the completed
 * run did not take: the human was told it counted. Deliveries after the deadline are
 * late; what a runtime answers to those is not judged here.
 */
function toldOkButNotTaken(plan: CheckInput['scenario']['plan'], history: CaseHistory, id: string, got: Decision | undefined): string | undefined {
  const step = findStep(plan, id);
  const asked = firstRequestAt(history, id);
  if (step?.kind !== 'approval' || asked === undefined) return undefined;
  const deadline = asked + step.timeoutMs;
  const ops = history.events.filter((e): e is Extract<HistoryEvent, { type: 'op' }> => e.type === 'op' && e.op === 'deliver-approval' && e.step === id);
  for (const ok of ops.filter((e) => e.phase === 'ok')) {
    const invoked = ops.filter((e) => e.phase === 'invoke' && e.at <= ok.at).at(-1)?.at;
    // What the human said is on the operation; without it there is nothing to hold the run to.
    if (!ok.decision) continue;
    const meant: Decision = ok.decision === 'reject' ? 'rejected' : 'approved';
    if (invoked === undefined || invoked >= deadline || got === meant) continue;
    const at = (t: number) => `+${ms(t - history.startedAt)}`;
    return `${id}: the human was told ok at ${at(ok.at)} for "${ok.decision}" (given at ${at(invoked)}, before the deadline at ${at(deadline)}), but the run took ${got ?? 'no decision'}`;
  }
  return undefined;
}

function firstEffect(steps: Step[]): string | undefined {
  for (const s of steps) {
    if (isEffectStep(s) || s.kind === 'approval') return s.id;
    if (s.kind === 'parallel') return undefined;
  }
  return undefined;
}

const faultsOn = (faults: Fault[], id: string) => faults.filter((f) => 'step' in f && f.step === id).map((f) => f.kind).join(', ') || undefined;

/** The runs whose humans gave the decision this run took, when its own human did not: a decision not scoped to its run. */
function fromAnotherRun(scenario: Scenario, history: CaseHistory, id: string, got: Decision | undefined): string | undefined {
  if (got !== 'approved' && got !== 'rejected') return undefined;
  const answer = got === 'approved' ? 'approve' : 'reject';
  const runs = runsOf(history);
  const decisions = runDecisions(scenario);
  const mine = runs.indexOf(history.runId);
  if (decisions[mine]?.[id] === answer) return undefined;
  const from = runs.flatMap((_, i) => (i !== mine && decisions[i]?.[id] === answer ? [`run ${i + 1}`] : []));
  return from.length ? `that is the decision given to ${from.join(', ')} ("${answer}"), not to this run: the decision reached another run's wait` : undefined;
}

function explain(faults: Fault[], id: string, expected: Decision, got: Decision | undefined, delivered: number[], history: CaseHistory): string {
  const on = (kind: Fault['kind']) => faults.some((f) => f.kind === kind && 'step' in f && f.step === id);
  const at = delivered.length ? `given at +${ms(delivered[0] - history.startedAt)}` : 'never delivered';
  if (on('approve-late') && got !== 'timed-out') return `an approval after the timeout changed the outcome (${at})`;
  if (on('approve-early') && got === 'timed-out') return `the approval given before the run waited was lost (${at})`;
  if (faults.some((f) => f.kind === 'crash-worker' && f.step === id) && got === 'timed-out') return `the approval given around the worker crash was lost (${at})`;
  if (expected !== 'timed-out' && got === 'timed-out') return `the approval was lost (${at})`;
  return `decision ${at}`;
}
