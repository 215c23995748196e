import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'the billing agent has answered and the support agent has drafted its reply from that answer; its worker dies as the reply is sent: on restart the support agent is handed the billing answer again and must not draft again, ask again or reply twice',
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
            { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' },
          ],
        },
      },
      // The step that acts on the child's answer: what a second delivery would run again.
      { kind: 'llm', id: 'draft-reply', tokens: 900 },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'reply-customer', at: 'after-effect', downtimeMs: 200 }],
});
