import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'timers',
  description: 'the worker dies halfway through a durable sleep: the sleep neither restarts from zero nor is skipped',
  plan: {
    name: 'follow-up',
    steps: [
      { kind: 'tool', id: 'send-offer', tool: 'email.send', mode: 'write' },
      { kind: 'sleep', id: 'wait-for-reply', ms: 3000 },
      { kind: 'tool', id: 'check-inbox', tool: 'email.search', mode: 'read' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'wait-for-reply', at: 'sleeping', downtimeMs: 100 }],
});
