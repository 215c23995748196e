import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'the worker dies after the card was charged, before the runtime recorded it: the charge must not repeat',
  plan: {
    name: 'checkout',
    steps: [
      { kind: 'llm', id: 'plan-order', tokens: 1200 },
      { kind: 'tool', id: 'charge-card', tool: 'payments.charge', mode: 'write' },
      { kind: 'tool', id: 'send-receipt', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'charge-card', at: 'after-effect', downtimeMs: 200 }],
});
