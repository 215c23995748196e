import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'the support run is submitted again while its billing agent is still working: still one billing run, one refund',
  plan: {
    name: 'support',
    steps: [
      { kind: 'llm', id: 'triage-ticket', tokens: 800 },
      {
        kind: 'agent',
        id: 'ask-billing',
        agent: 'billing',
        plan: {
          steps: [
            { kind: 'llm', id: 'check-refund-policy', tokens: 600, latencyMs: 300 },
            { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' },
          ],
        },
      },
    ],
  },
  faults: [{ kind: 'duplicate-start', afterMs: 150 }],
});
