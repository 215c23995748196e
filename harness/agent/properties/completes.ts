import type { AgentProperty } from './history.js';
import { describeCall } from './history.js';
import { isModelTurn } from '../../world/script.js';

/** The run ended: the model's last turn (its text answer) reached the agent. */
export const completes: AgentProperty = {
  id: 'completes',
  check({ events, finalTurn }) {
    if (events.some((e) => isModelTurn(e, finalTurn) && e.outcome === 'applied')) return { verdict: 'pass', evidence: [] };
    const last = events.at(-1);
    return { verdict: 'fail', evidence: [{ message: `the model's last turn (${finalTurn}) was never asked for${last ? `; the last call was ${describeCall(last)}` : '; the agent never called out'}` }] };
  },
};
