import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'effect-safety',
  description: 'the same run is submitted twice (a retried webhook): it must run once, charging once',
  plan: {
    name: 'order',
    steps: [
      { kind: 'llm', id: 'check-order', tokens: 900, latencyMs: 150 },
      { kind: 'tool', id: 'charge-order', tool: 'payments.charge', mode: 'write' },
      { kind: 'tool', id: 'ship-order', tool: 'warehouse.ship', mode: 'write' },
    ],
  },
  faults: [{ kind: 'duplicate-start', afterMs: 50 }],
});
