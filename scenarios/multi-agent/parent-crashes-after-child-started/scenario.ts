import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'the support agent asks the billing agent for a refund and dies the moment the billing agent started, before it recorded that: it must find the same billing run again, not start a second one',
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
            { kind: 'llm', id: 'check-refund-policy', tokens: 600 },
            { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' },
          ],
        },
      },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'ask-billing', at: 'after-effect', downtimeMs: 200 }],
});
