import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'nobody approves an expense; on the escalation path its timeout chose, the worker dies after the escalation was drafted and before finance is notified: the draft is not made again, finance is notified once',
  plan: {
    name: 'expense-approval',
    steps: [
      { kind: 'llm', id: 'check-receipts', tokens: 1500 },
      {
        kind: 'approval',
        id: 'approve-expense',
        timeoutMs: 2000,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'reimburse', tool: 'bank.transfer', mode: 'write' }],
        rejected: [
          { kind: 'llm', id: 'draft-escalation', tokens: 2500 },
          { kind: 'tool', id: 'notify-finance', tool: 'email.send', mode: 'write' },
        ],
      },
    ],
  },
  // Nobody answers. The notice's request reaches the outside world, which never applies it; the worker dies there.
  faults: [{ kind: 'crash-worker', step: 'notify-finance', at: 'before-effect', downtimeMs: 200 }],
});
