import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the approval comes after the timeout already declined the refund: the refund must not happen',
  plan: {
    name: 'refund-with-deadline',
    steps: [
      { kind: 'llm', id: 'assess-refund', tokens: 1000 },
      {
        kind: 'approval',
        id: 'approve-refund',
        timeoutMs: 800,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'issue-refund', tool: 'payments.refund', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'send-apology', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-refund': 'approve' },
  faults: [{ kind: 'approve-late', step: 'approve-refund', afterTimeoutMs: 1500 }],
});
