import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'the worker is down when the approval times out, and the approval arrives late while it is still down: on restart the timeout stands',
  plan: {
    name: 'wire-transfer',
    steps: [
      { kind: 'llm', id: 'check-transfer', tokens: 1200 },
      {
        kind: 'approval',
        id: 'approve-wire',
        timeoutMs: 1000,
        onTimeout: 'reject',
        approved: [{ kind: 'tool', id: 'send-wire', tool: 'bank.wire', mode: 'write' }],
        rejected: [{ kind: 'tool', id: 'notify-expired', tool: 'email.send', mode: 'write' }],
      },
    ],
  },
  decisions: { 'approve-wire': 'approve' },
  // The crash lands 500 ms into the wait; the worker is down from then until well after
  // the deadline (+1000 ms) and the late approval (+1400 ms), so the restarted worker
  // finds both a passed deadline and an approval in its inbox.
  faults: [
    { kind: 'crash-worker', step: 'approve-wire', at: 'waiting', downtimeMs: 1500 },
    { kind: 'approve-late', step: 'approve-wire', afterTimeoutMs: 400 },
  ],
});
