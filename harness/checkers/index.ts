import { agentCalls } from './agent-calls.js';
import { approvalIntegrity } from './approval-integrity.js';
import { auditTrail } from './audit-trail.js';
import { completes } from './completes.js';
import { correctOutput } from './correct-output.js';
import { durableTimers } from './durable-timers.js';
import { effectsExactlyOnce } from './effects-exactly-once.js';
import { noPhantomEffects } from './no-phantom-effects.js';
import { ordering } from './ordering.js';
import { policy } from './policy.js';
import { stepIsolation } from './step-isolation.js';
import { traces } from './traces.js';
import { decisionRaces, oracleAfterRaces } from './decision-races.js';
import { mergeVerdicts, type Checker, type CheckInput, type PropertyId, type PropertyResult } from './verdict.js';

export const checkers: readonly Checker[] = [
  completes,
  correctOutput,
  effectsExactlyOnce,
  noPhantomEffects,
  approvalIntegrity,
  stepIsolation,
  ordering,
  durableTimers,
  auditTrail,
  agentCalls,
  traces,
  policy,
];

/** Every checker but those of the properties a user set aside (explore --ignore): those are not judged at all. */
export const checkersExcept = (ignore: readonly PropertyId[] = []): readonly Checker[] => (ignore.length ? checkers.filter((c) => !ignore.includes(c.id)) : checkers);

/** Run checkers side by side; one that throws yields unknown, never a crash of the run. */
export function compose(list: readonly Checker[] = checkers) {
  return (input: CheckInput): PropertyResult[] =>
    list.flatMap((c) => {
      try {
        const r = c.check(input);
        return r ? [{ id: c.id, ...r }] : [];
      } catch (err) {
        return [{ id: c.id, verdict: 'unknown' as const, evidence: [{ message: `checker error: ${(err as Error).message}` }] }];
      }
    });
}

/**
 * Check one run: every checker, against the oracle the run's own choice leaves where a
 * decision raced its deadline (then timing out is as correct as taking it).
 */
export function judge(input: CheckInput, list: readonly Checker[] = checkers): PropertyResult[] {
  const races = decisionRaces(input.scenario, input.history);
  return compose(list)({ ...input, oracle: oracleAfterRaces(input.scenario, input.oracle, input.history, races) });
}

/**
 * Judge every run of a case, each against its own oracle and on its own view of the
 * history. With several runs a property merges the runs' verdicts, keeps the evidence
 * of the runs that gave the merged verdict and names their run (decision 0038).
 */
export function judgeRuns(runs: readonly CheckInput[], list: readonly Checker[] = checkers): PropertyResult[] {
  const perRun = runs.map((input) => judge(input, list));
  if (perRun.length === 1) return perRun[0];
  return list.flatMap((c) => {
    const found = perRun.flatMap((results, i) => results.filter((p) => p.id === c.id).map((p) => ({ p, run: i + 1 })));
    if (found.length === 0) return [];
    const verdict = mergeVerdicts(found.map(({ p }) => p.verdict));
    const evidence = found.filter(({ p }) => p.verdict === verdict).flatMap(({ p, run }) => p.evidence.map((e) => ({ ...e, message: `run ${run}: ${e.message}` })));
    return [{ id: c.id, verdict, evidence }];
  });
}
