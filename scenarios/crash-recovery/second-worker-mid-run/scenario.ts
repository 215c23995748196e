import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'a second worker starts while the first is mid-charge (a rolling deploy), and the first dies later: the run goes on once, nothing repeats',
  plan: {
    name: 'rolling-deploy',
    steps: [
      { kind: 'llm', id: 'check-cart', tokens: 1500 },
      { kind: 'tool', id: 'charge-cart', tool: 'payments.charge', mode: 'write', latencyMs: 100 },
      { kind: 'llm', id: 'write-confirmation', tokens: 800, latencyMs: 800 },
      { kind: 'tool', id: 'email-confirmation', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'second-worker', step: 'charge-cart', at: 'during-effect', overlapMs: 1500 }],
});
