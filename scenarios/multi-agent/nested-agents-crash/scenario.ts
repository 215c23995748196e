import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'an agent calls an agent that calls an agent; the worker dies right after the innermost one started: each level still has exactly one child',
  plan: {
    name: 'concierge',
    steps: [
      { kind: 'llm', id: 'understand-request', tokens: 700 },
      {
        kind: 'agent',
        id: 'ask-travel',
        agent: 'travel',
        plan: {
          steps: [
            { kind: 'tool', id: 'search-flights', tool: 'flights.search', mode: 'read' },
            {
              kind: 'agent',
              id: 'ask-payments',
              agent: 'payments',
              plan: { steps: [{ kind: 'tool', id: 'charge-card', tool: 'payments.charge', mode: 'write' }] },
            },
            { kind: 'tool', id: 'book-flight', tool: 'flights.book', mode: 'write' },
          ],
        },
      },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'ask-payments', at: 'after-effect', downtimeMs: 200 }],
});
