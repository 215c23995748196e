import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: 'the worker running the support agent and its billing agent stalls while the refund is in flight; a second worker takes both over, then the stalled one wakes: still one billing run, one refund, one reply',
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
            { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' },
            { kind: 'llm', id: 'summarize-refund', tokens: 500 },
          ],
        },
      },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  faults: [{ kind: 'second-worker', step: 'refund-payment', at: 'during-effect', pauseFirstMs: 1500, overlapMs: 4000 }],
});
