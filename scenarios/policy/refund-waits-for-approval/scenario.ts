import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'policy',
  description: 'a refund needs a manager\'s approval; nobody answers and the worker crashes during the wait: the run must not refund',
  plan: {
    name: 'refund-request',
    steps: [
      { kind: 'llm', id: 'read-ticket', tokens: 1200 },
      {
        kind: 'approval',
        id: 'approve-refund',
        timeoutMs: 2500,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'tell-customer', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'approve-refund', at: 'waiting', downtimeMs: 200 }],
  policies: [{ rule: 'needs-approval', tool: 'payments.refund', approval: 'approve-refund' }],
});
