import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'the worker stalls mid-charge for 1.5 s (a GC pause, a frozen VM), a second worker takes the run over, then the first wakes up: it must not act again',
  plan: {
    name: 'stalled-checkout',
    steps: [
      { kind: 'llm', id: 'check-cart', tokens: 1500 },
      { kind: 'tool', id: 'charge-cart', tool: 'payments.charge', mode: 'write', latencyMs: 100 },
      { kind: 'tool', id: 'reserve-stock', tool: 'inventory.reserve', mode: 'write' },
      { kind: 'llm', id: 'write-confirmation', tokens: 800, latencyMs: 300 },
      { kind: 'tool', id: 'email-confirmation', tool: 'email.send', mode: 'write' },
    ],
  },
  // The first worker is frozen as the second starts, and goes on 1.5 s later, well
  // past any lease; it is killed 4 s after the second started.
  faults: [{ kind: 'second-worker', step: 'charge-cart', at: 'during-effect', pauseFirstMs: 1500, overlapMs: 4000 }],
});
