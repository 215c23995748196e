import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'timers',
  description: 'a cooling-off sleep before a write, with a flaky call after it: the write waits the whole sleep and happens once',
  plan: {
    name: 'cooling-off',
    steps: [
      { kind: 'llm', id: 'decide-cancel', tokens: 600 },
      { kind: 'sleep', id: 'cooling-off', ms: 600 },
      { kind: 'tool', id: 'cancel-subscription', tool: 'billing.cancel', mode: 'write' },
    ],
  },
  faults: [{ kind: 'response-lost', step: 'cancel-subscription' }],
});
