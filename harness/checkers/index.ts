import { approvalIntegrity } from './approval-integrity.js';
import { auditTrail } from './audit-trail.js';
import { completes } from './completes.js';
import { correctOutput } from './correct-output.js';
import { durableTimers } from './durable-timers.js';
import { effectsExactlyOnce } from './effects-exactly-once.js';
import { noPhantomEffects } from './no-phantom-effects.js';
import { ordering } from './ordering.js';
import { stepIsolation } from './step-isolation.js';
import { decisionRaces, oracleAfterRaces } from './decision-races.js';
import type { Checker, CheckInput, PropertyResult } from './verdict.js';

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
];

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
 * Check a case: every checker, against the oracle the run's own choice leaves where a
 * decision raced its deadline (then timing out is as correct as taking it).
 */
export function judge(input: CheckInput, list: readonly Checker[] = checkers): PropertyResult[] {
  const races = decisionRaces(input.scenario, input.history);
  return compose(list)({ ...input, oracle: oracleAfterRaces(input.scenario, input.oracle, input.history, races) });
}
