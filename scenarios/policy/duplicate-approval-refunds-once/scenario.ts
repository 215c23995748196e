import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'policy',
  description: 'the manager\'s approval arrives twice, then the worker crashes after the refund: one refund, and only after the approval',
  plan: {
    name: 'refund-request',
    steps: [
      { kind: 'llm', id: 'read-ticket', tokens: 1200 },
      {
        kind: 'approval',
        id: 'approve-refund',
        timeoutMs: 5000,
        approved: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'tell-customer', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-refund': 'approve' },
  faults: [
    { kind: 'approve-twice', step: 'approve-refund', spacingMs: 0 },
    { kind: 'crash-worker', step: 'refund', at: 'after-effect', downtimeMs: 200 },
  ],
  policies: [
    { rule: 'needs-approval', tool: 'payments.refund', approval: 'approve-refund' },
    { rule: 'call-budget', tool: 'payments.refund', calls: 1 },
  ],
});
