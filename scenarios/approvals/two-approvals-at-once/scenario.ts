import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'legal and finance sign-offs wait at once, with different deadlines; the worker dies during both waits and legal answers after its own deadline: legal times out, finance is approved',
  plan: {
    name: 'vendor-onboarding',
    steps: [
      { kind: 'llm', id: 'review-vendor', tokens: 1500 },
      {
        kind: 'parallel',
        id: 'sign-offs',
        branches: [
          [
            {
              kind: 'approval',
              id: 'legal-sign-off',
              timeoutMs: 1500,
              onTimeout: 'reject',
              approved: [{ kind: 'tool', id: 'register-vendor', tool: 'erp.vendors.create', mode: 'write' }],
              rejected: [{ kind: 'tool', id: 'notify-legal-expired', tool: 'email.send', mode: 'write' }],
            },
          ],
          [
            // Finance's wait begins after legal's, so it is the later deadline set.
            { kind: 'llm', id: 'check-sanctions', tokens: 800, latencyMs: 250 },
            {
              kind: 'approval',
              id: 'finance-sign-off',
              timeoutMs: 6000,
              onTimeout: 'reject',
              approved: [{ kind: 'tool', id: 'create-payee', tool: 'bank.payees.create', mode: 'write' }],
            },
          ],
        ],
      },
    ],
  },
  decisions: { 'legal-sign-off': 'approve', 'finance-sign-off': 'approve' },
  // The crash lands 400-600 ms into legal's wait, after finance's began; legal's answer
  // comes 400 ms after legal's own deadline, long after the worker is back.
  faults: [
    { kind: 'crash-worker', step: 'legal-sign-off', at: 'waiting', downtimeMs: 300 },
    { kind: 'approve-late', step: 'legal-sign-off', afterTimeoutMs: 400 },
  ],
});
