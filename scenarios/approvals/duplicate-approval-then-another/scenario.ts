import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the first approver double-clicks, and a second approval follows: the duplicate must not answer the second wait',
  plan: {
    name: 'purchase-order',
    steps: [
      { kind: 'llm', id: 'draft-order', tokens: 2000 },
      {
        kind: 'approval',
        id: 'manager-approval',
        timeoutMs: 5000,
        approved: [{ kind: 'tool', id: 'reserve-budget', tool: 'erp.reserve', mode: 'write' }],
        rejected: [],
      },
      {
        kind: 'approval',
        id: 'finance-approval',
        timeoutMs: 5000,
        approved: [{ kind: 'tool', id: 'place-order', tool: 'supplier.order', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'release-budget', tool: 'erp.release', mode: 'write' }],
      },
    ],
  },
  decisions: { 'manager-approval': 'approve', 'finance-approval': 'reject' },
  faults: [{ kind: 'approve-twice', step: 'manager-approval', spacingMs: 0 }],
});
