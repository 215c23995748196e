import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'step-replay',
  description: 'the worker dies at step four of five: the resumed run starts there, not from the first model call',
  plan: {
    name: 'research-report',
    steps: [
      { kind: 'llm', id: 'outline', tokens: 3000 },
      { kind: 'tool', id: 'search-papers', tool: 'search.papers', mode: 'read' },
      { kind: 'llm', id: 'read-papers', tokens: 12000 },
      { kind: 'llm', id: 'write-report', tokens: 8000 },
      { kind: 'tool', id: 'publish-report', tool: 'wiki.publish', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'write-report', at: 'after-effect', downtimeMs: 200 }],
});
