import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'nobody answers: the run takes its on-timeout path once the timeout passes, even across a crash during the wait',
  plan: {
    name: 'escalation',
    steps: [
      {
        kind: 'approval',
        id: 'approve-discount',
        timeoutMs: 2500,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'apply-discount', tool: 'billing.discount', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'escalate', tool: 'pager.notify', mode: 'write' }],
      },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'approve-discount', at: 'waiting', downtimeMs: 200 }],
});
