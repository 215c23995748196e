import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'a human rejects a loan; the email service answers 503 twice as the agent sends the decision: the call is retried, the letter goes out once, the run completes on the rejection path',
  plan: {
    name: 'loan-decision',
    steps: [
      { kind: 'llm', id: 'score-application', tokens: 2500 },
      {
        kind: 'approval',
        id: 'approve-loan',
        timeoutMs: 5000,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'disburse-loan', tool: 'bank.transfer', mode: 'write' }],
        rejected: [
          { kind: 'llm', id: 'draft-decline', tokens: 1500 },
          { kind: 'tool', id: 'send-decline', tool: 'email.send', mode: 'write' },
        ],
      },
    ],
  },
  decisions: { 'approve-loan': 'reject' },
  faults: [{ kind: 'tool-fails', step: 'send-decline', times: 2, how: 'error' }],
});
