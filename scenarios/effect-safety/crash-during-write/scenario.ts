import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'effect-safety',
  description: 'the worker dies while a transfer is in flight and the bank completes it anyway: the resumed run must not transfer again',
  plan: {
    name: 'payout',
    steps: [
      { kind: 'tool', id: 'lookup-balance', tool: 'bank.balance', mode: 'read' },
      { kind: 'tool', id: 'transfer-funds', tool: 'bank.transfer', mode: 'write', latencyMs: 100 },
      { kind: 'tool', id: 'record-payout', tool: 'ledger.record', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'transfer-funds', at: 'during-effect', downtimeMs: 200 }],
});
