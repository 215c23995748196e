import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'effect-safety',
  description: 'once a vendor is approved, the agent drafts a welcome and creates the vendor account in parallel; the account system answers 503 twice: only that call is retried, the welcome is not drafted again, the account is created once',
  plan: {
    name: 'vendor-onboarding',
    steps: [
      { kind: 'llm', id: 'review-vendor', tokens: 2000 },
      {
        kind: 'approval',
        id: 'approve-vendor',
        timeoutMs: 5000,
        onTimeout: 'reject',
        approved: [
          { kind: 'tool', id: 'check-sanctions', tool: 'sanctions.lookup', mode: 'read' },
          {
            kind: 'parallel',
            id: 'set-up-vendor',
            branches: [
              [{ kind: 'llm', id: 'draft-welcome', tokens: 1500 }],
              // Slow to answer, even to fail: the welcome is drafted well before the first 503.
              [{ kind: 'tool', id: 'create-account', tool: 'erp.create_vendor', mode: 'write', latencyMs: 400 }],
            ],
          },
        ],
        rejected: [{ kind: 'tool', id: 'notify-vendor', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-vendor': 'approve' },
  faults: [{ kind: 'tool-fails', step: 'create-account', times: 2, how: 'error' }],
});
