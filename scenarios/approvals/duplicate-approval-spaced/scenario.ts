import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'a chat integration redelivers an approval 400 ms later, after the run moved on: the second one changes nothing',
  plan: {
    name: 'vendor-payment',
    steps: [
      {
        kind: 'approval',
        id: 'approve-payment',
        timeoutMs: 5000,
        approved: [
          { kind: 'tool', id: 'pay-vendor', tool: 'payments.payout', mode: 'write' },
          { kind: 'llm', id: 'write-memo', tokens: 900, latencyMs: 300 },
        ],
        rejected: [],
      },
    ],
  },
  decisions: { 'approve-payment': 'approve' },
  faults: [{ kind: 'approve-twice', step: 'approve-payment', spacingMs: 400 }],
});
