import type { AgentProperty } from './history.js';
import { describeCall } from './history.js';
import { isModelTurn } from '../../world/script.js';

/** The run ended: the model's last turn (its text answer) reached the agent. */
export const completes: AgentProperty = {
  id: 'completes',
  check({ events, finalTurn }) {
    if (events.some((e) => isModelTurn(e, finalTurn) && e.outcome === 'applied')) return { verdict: 'pass', evidence: [] };
    // A call the world still held when the case ended is why: the agent waited on it with no timeout of its own.
    const held = events.find((e) => e.hung?.until === 'case-ended');
    if (held) return { verdict: 'fail', evidence: [{ step: held.call?.label ?? held.stepId, message: `the model's last turn (${finalTurn}) never reached the agent: it was still waiting on ${describeCall(held)}; it never gave up on a call that did not answer` }] };
    // The agent's last try refused as "key in use": it took the service's "try again later" as an end.
    const lastSent = events.reduce<(typeof events)[number] | undefined>((l, e) => (!l || e.receivedAt >= l.receivedAt ? e : l), undefined);
    if (lastSent?.keyInUseBy !== undefined) return { verdict: 'fail', evidence: [{ step: lastSent.call?.label ?? lastSent.stepId, message: `the model's last turn (${finalTurn}) was never asked for; the agent's last call was ${describeCall(lastSent)}: it never tried again once #${lastSent.keyInUseBy} was done` }] };
    const last = events.at(-1);
    return { verdict: 'fail', evidence: [{ message: `the model's last turn (${finalTurn}) was never asked for${last ? `; the last call was ${describeCall(last)}` : '; the agent never called out'}` }] };
  },
};
