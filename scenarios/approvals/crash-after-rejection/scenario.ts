import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the human rejects a payout; the worker dies on the rejection path, after the denial letter was drafted and before it is sent: the draft is not made again, the letter goes out once',
  plan: {
    name: 'insurance-claim',
    steps: [
      { kind: 'llm', id: 'assess-claim', tokens: 2000 },
      {
        kind: 'approval',
        id: 'approve-payout',
        timeoutMs: 5000,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'pay-claim', tool: 'bank.transfer', mode: 'write' }],
        rejected: [
          { kind: 'llm', id: 'draft-denial', tokens: 3000 },
          { kind: 'tool', id: 'send-denial', tool: 'email.send', mode: 'write' },
        ],
      },
    ],
  },
  decisions: { 'approve-payout': 'reject' },
  // The letter's request reaches the outside world, which never applies it; the worker dies there.
  faults: [{ kind: 'crash-worker', step: 'send-denial', at: 'before-effect', downtimeMs: 200 }],
});
