import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the worker dies while a refund waits for a manager, who approves while it is down: the approval is kept and the refund happens once',
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
  faults: [{ kind: 'crash-worker', step: 'approve-refund', at: 'waiting', downtimeMs: 300 }],
});
