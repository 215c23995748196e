import { defineScenario } from '../../../harness/scenario/schema.js';

// The crash is anchored in the child's plan: where the runtime gives the child a worker
// of its own (decision 0110) only that worker dies, and the parent's waits for the child
// to be resumed. A long downtime leaves the child silent well past its lease, so a parent
// that replaces a silent child (test/mutants/silent-child-replaced) has time to.
export default defineScenario({
  category: 'multi-agent',
  description: 'the billing agent\'s own worker dies right after its refund took effect; the support agent\'s worker lives on and must wait for the same child to be resumed, not start another',
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
            { kind: 'llm', id: 'summarize-refund', tokens: 300 },
          ],
        },
      },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'refund-payment', at: 'after-effect', downtimeMs: 1500 }],
});
