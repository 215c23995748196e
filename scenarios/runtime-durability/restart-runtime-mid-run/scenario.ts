import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'runtime-durability',
  description: 'the runtime\'s own server (or database) is killed right after a charge and restarted: runs finish and nothing repeats',
  plan: {
    name: 'checkout-server-crash',
    steps: [
      { kind: 'llm', id: 'plan-order', tokens: 1200 },
      { kind: 'tool', id: 'charge-card', tool: 'payments.charge', mode: 'write' },
      { kind: 'tool', id: 'send-receipt', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'restart-runtime', step: 'charge-card', at: 'after-effect', downtimeMs: 300 }],
});
