import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the approver double-clicks: two identical approvals arrive at once, the deploy runs once',
  plan: {
    name: 'deploy-approval',
    steps: [
      { kind: 'llm', id: 'summarize-change', tokens: 1000 },
      {
        kind: 'approval',
        id: 'approve-deploy',
        timeoutMs: 5000,
        approved: [{ kind: 'tool', id: 'deploy', tool: 'ci.deploy', mode: 'write' }],
        rejected: [],
      },
    ],
  },
  decisions: { 'approve-deploy': 'approve' },
  faults: [{ kind: 'approve-twice', step: 'approve-deploy', spacingMs: 0 }],
});
