import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'the billing agent\'s worker dies while its refund is in flight: the child resumes, the refund takes effect once, and the parent still gets the child\'s answer',
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
            { kind: 'tool', id: 'lookup-invoice', tool: 'billing.invoice', mode: 'read' },
            { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write', latencyMs: 80 },
          ],
        },
      },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'refund-payment', at: 'during-effect', downtimeMs: 200 }],
});
