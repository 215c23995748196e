import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'effect-safety',
  description: 'the worker freezes right after the card was charged, longer than the call\'s timeout: the retry on waking must not charge again',
  plan: {
    name: 'checkout',
    steps: [
      { kind: 'llm', id: 'plan-order', tokens: 1200 },
      { kind: 'tool', id: 'charge-card', tool: 'payments.charge', mode: 'write' },
      { kind: 'tool', id: 'send-receipt', tool: 'email.send', mode: 'write' },
    ],
  },
  // 2.5 s outlasts every built-in adapter's ~1 s call timeout (docs/adapters/*), so the
  // caller's timeout has run out by the time the worker wakes, though the charge happened.
  // Whether it handles that timeout or the answer waiting in its socket first is a race
  // of its event loop (README.md): the tests assert what holds either way.
  faults: [{ kind: 'stall-worker', step: 'charge-card', at: 'after-effect', stallMs: 2500 }],
});
