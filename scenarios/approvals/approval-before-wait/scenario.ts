import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the approval arrives before the run reaches its wait (a fast human, a pre-approved request): it must not be lost',
  plan: {
    name: 'access-request',
    steps: [
      { kind: 'llm', id: 'review-request', tokens: 1200, latencyMs: 300 },
      {
        kind: 'approval',
        id: 'approve-access',
        timeoutMs: 1500,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'grant-access', tool: 'iam.grant', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'deny-access', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-access': 'approve' },
  faults: [{ kind: 'approve-early', step: 'approve-access' }],
});
