import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'two approvals in one run, one approved and one rejected, with a crash during the second wait: each decision lands on its own step',
  plan: {
    name: 'contract',
    steps: [
      { kind: 'llm', id: 'draft-contract', tokens: 4000 },
      {
        kind: 'approval',
        id: 'legal-review',
        timeoutMs: 5000,
        approved: [{ kind: 'tool', id: 'stamp-legal', tool: 'docs.stamp', mode: 'write' }],
        rejected: [],
      },
      {
        kind: 'approval',
        id: 'finance-review',
        timeoutMs: 5000,
        approved: [{ kind: 'tool', id: 'send-contract', tool: 'esign.send', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'return-to-sales', tool: 'crm.update', mode: 'write' }],
      },
    ],
  },
  decisions: { 'legal-review': 'approve', 'finance-review': 'reject' },
  faults: [{ kind: 'crash-worker', step: 'finance-review', at: 'waiting', downtimeMs: 200 }],
});
