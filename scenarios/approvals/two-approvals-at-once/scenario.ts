import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'legal and finance sign-offs wait at once, with different deadlines; the worker dies during both waits; finance approves, legal never answers: legal times out at its own deadline, not at finance\'s',
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
              timeoutMs: 4000,
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
              timeoutMs: 12000,
              onTimeout: 'reject',
              approved: [{ kind: 'tool', id: 'create-payee', tool: 'bank.payees.create', mode: 'write' }],
            },
          ],
        ],
      },
    ],
  },
  // Legal is out of office: nobody answers it.
  decisions: { 'finance-sign-off': 'approve' },
  // The crash lands 400-600 ms into legal's wait, after finance's began. Legal's 4 s
  // outlasts the crash, the downtime and a slow restart, so a correct runtime is back
  // well before legal's deadline and times it out on its own clock.
  faults: [{ kind: 'crash-worker', step: 'legal-sign-off', at: 'waiting', downtimeMs: 300 }],
});
