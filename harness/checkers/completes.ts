import { failWith, pass, type Checker } from './verdict.js';

/** Every run reaches a terminal state within its deadline once faults heal. */
export const completes: Checker = {
  id: 'completes',
  check({ history }) {
    const r = history.result;
    if (r?.status === 'completed') return pass();
    if (r?.status === 'failed') return failWith([{ message: `the run failed: ${r.error}` }]);
    const last = history.effects.at(-1);
    const lastSeen = last ? `; last effect ${last.stepId} ${last.outcome} at +${last.finishedAt - history.startedAt}ms` : '; no effect was ever requested';
    return failWith([{ message: `no result before the deadline${lastSeen}` }]);
  },
};
