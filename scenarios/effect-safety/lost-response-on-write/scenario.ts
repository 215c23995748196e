import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'effect-safety',
  description: 'the payment API refunds, then the connection drops before the answer: the retry must not refund twice',
  plan: {
    name: 'refund',
    steps: [
      { kind: 'llm', id: 'assess-claim', tokens: 1500 },
      { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' },
      { kind: 'tool', id: 'email-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'response-lost', step: 'refund-payment' }],
});
