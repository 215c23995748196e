import { defineScenario } from '../../../harness/scenario/schema.js';

// 3000 + 12000 = 15000 spent (18000 if the crash cut off outline's answer and it ran again); write-report's 8000 crosses 18000 either way.
export default defineScenario({
  category: 'policy',
  description: 'the gateway refuses the model call that would cross the run\'s token budget: the run fails there and publishes nothing',
  plan: {
    name: 'research-report',
    steps: [
      { kind: 'llm', id: 'outline', tokens: 3000 },
      { kind: 'llm', id: 'read-papers', tokens: 12000 },
      { kind: 'llm', id: 'write-report', tokens: 8000 },
      { kind: 'tool', id: 'publish-report', tool: 'wiki.publish', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'outline', at: 'after-effect', downtimeMs: 200 }],
  policies: [{ rule: 'token-budget', tokens: 18000, enforce: true }],
});
