import { describeCall, type AgentProperty } from './history.js';

/**
 * Every call to a host that names an identity header carried the run's principal, also
 * after a crash and recovery; none went without it or with the service's own.
 */
export const identity: AgentProperty = {
  id: 'identity',
  check({ events }) {
    const checked = events.filter((e) => e.call?.identity && e.outcome !== 'refused');
    if (checked.length === 0) return undefined;
    const wrong = checked.filter((e) => e.call!.identity !== 'run');
    if (wrong.length === 0) return { verdict: 'pass', evidence: [] };
    return {
      verdict: 'fail',
      evidence: wrong.map((e) => ({
        step: e.call!.label,
        message: `${describeCall(e)} ${e.call!.identity === 'missing' ? 'carried no identity' : "carried an identity that is not the run's principal"}`,
      })),
    };
  },
};
