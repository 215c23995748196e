import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'the billing agent asks a manager before refunding, and its worker dies while it waits; the manager approves meanwhile: the child takes the approval, refunds once, and the parent gets its answer',
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
            {
              kind: 'approval',
              id: 'approve-refund',
              timeoutMs: 8000,
              onTimeout: 'reject',
              approved: [{ kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' }],
              rejected: [{ kind: 'tool', id: 'note-refusal', tool: 'crm.note', mode: 'write' }],
            },
          ],
        },
      },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  decisions: { 'approve-refund': 'approve' },
  faults: [{ kind: 'crash-worker', step: 'approve-refund', at: 'waiting', downtimeMs: 300 }],
});
