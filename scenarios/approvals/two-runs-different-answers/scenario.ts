import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'two runs of one refund plan wait at the same approval at once; one manager approves, the other rejects: each run follows its own answer',
  plan: {
    name: 'refund-approval',
    steps: [
      { kind: 'llm', id: 'draft-refund', tokens: 1500 },
      {
        kind: 'approval',
        id: 'approve-refund',
        timeoutMs: 5000,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'issue-refund', tool: 'payments.refund', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'notify-declined', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-refund': 'approve' },
  // Run 1 keeps the default answer (approve); run 2's manager rejects.
  runs: [{}, { decisions: { 'approve-refund': 'reject' } }],
});
