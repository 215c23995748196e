import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'effect-safety',
  description: 'two runs of one checkout charge a card each, and the worker dies after the first charge: each run is charged exactly once',
  plan: {
    name: 'checkout',
    steps: [
      { kind: 'llm', id: 'plan-order', tokens: 1200 },
      { kind: 'tool', id: 'charge-card', tool: 'payments.charge', mode: 'write' },
      { kind: 'tool', id: 'send-receipt', tool: 'email.send', mode: 'write' },
    ],
  },
  runs: [{}, {}],
  // Whichever run's charge arrives first is answered to a frozen worker, which is then killed.
  faults: [{ kind: 'crash-worker', step: 'charge-card', at: 'after-effect', downtimeMs: 200 }],
});
