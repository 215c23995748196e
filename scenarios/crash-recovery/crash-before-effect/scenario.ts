import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'the worker dies as its ticket request reaches the tracker, before anything was created: the run resumes and opens it once',
  plan: {
    name: 'triage',
    steps: [
      { kind: 'llm', id: 'classify-bug', tokens: 800 },
      { kind: 'tool', id: 'lookup-owner', tool: 'directory.lookup', mode: 'read' },
      { kind: 'tool', id: 'open-ticket', tool: 'tracker.create', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'open-ticket', at: 'before-effect', downtimeMs: 200 }],
});
