import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'step-replay',
  description: 'a tool answers 503 three times: only that call is retried, the model call before it is not paid again',
  plan: {
    name: 'claims',
    steps: [
      { kind: 'llm', id: 'classify-claim', tokens: 2000 },
      { kind: 'tool', id: 'fetch-invoice', tool: 'billing.invoice', mode: 'read' },
      { kind: 'tool', id: 'file-claim', tool: 'claims.file', mode: 'write' },
    ],
  },
  faults: [{ kind: 'tool-fails', step: 'fetch-invoice', times: 3, how: 'error' }],
});
