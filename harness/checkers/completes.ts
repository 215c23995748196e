import { failWith, pass, type Checker } from './verdict.js';

/** Every run reaches a terminal state within its deadline once faults heal: completed, or failed where a policy refused a call. */
export const completes: Checker = {
  id: 'completes',
  check({ history, oracle }) {
    const r = history.result;
    // A call an enforced policy refuses ends the run: failing there is its terminal state (decision 0060).
    if (oracle.refused) {
      if (r?.status === 'failed') return pass(`the run failed at ${oracle.refused.step}, which a policy refused`);
      if (r?.status === 'completed') return failWith([{ step: oracle.refused.step, message: `the run completed, though a policy refused ${oracle.refused.step} (${oracle.refused.message})` }]);
    }
    if (r?.status === 'completed') return pass();
    if (r?.status === 'failed') return failWith([{ message: `the run failed: ${r.error}` }]);
    const last = history.effects.at(-1);
    const lastSeen = last ? `; last effect ${last.stepId} ${last.outcome} at +${last.finishedAt - history.startedAt}ms` : '; no effect was ever requested';
    return failWith([{ message: `no result before the deadline${lastSeen}` }]);
  },
};
