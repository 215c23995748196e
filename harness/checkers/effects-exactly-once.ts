import { tookEffect } from '../ledger/events.js';
import { allSteps } from '../plan/walk.js';
import { describeAttempt, eventsFor, faultsAround } from './observe.js';
import { keyOfAnotherRun } from './shared-keys.js';
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/**
 * Each write step on the taken path took effect exactly once: applied events, after
 * idempotency-key deduplication, equal 1. (Steps off the path: no-phantom-effects.)
 */
export const effectsExactlyOnce: Checker = {
  id: 'effects-exactly-once',
  check({ scenario, oracle, history, faults }) {
    const writes = allSteps(scenario.plan).filter((s) => s.kind === 'tool' && s.mode === 'write' && oracle.taken.has(s.id));
    if (writes.length === 0) return undefined;
    const failures: Evidence[] = [];
    const missing: string[] = [];
    for (const step of writes) {
      // Another run's key answered this run's write: it did not happen for this run, whatever the count says.
      const shared = keyOfAnotherRun(history, step.id);
      if (shared) {
        failures.push({ ...shared, fault: faultsAround(faults, step.id) });
        continue;
      }
      const events = eventsFor(history, step.id);
      const applied = events.filter(tookEffect);
      if (applied.length > 1) {
        failures.push({
          step: step.id,
          attempts: applied.map((e) => e.attempt),
          fault: faultsAround(faults, step.id),
          message: `${step.id} took effect ${applied.length} times: ${applied.map((e) => describeAttempt(history, e)).join(', ')}`,
        });
      } else if (applied.length === 0) missing.push(step.id);
    }
    if (failures.length) return failWith(failures);
    if (missing.length) {
      const message = `${missing.join(', ')} never took effect`;
      return history.result?.status === 'completed' ? failWith([{ message: `${message}, yet the run completed` }]) : unknown(`${message}; the run did not complete`);
    }
    return pass(`${writes.length} write step(s), each applied once`);
  },
};
