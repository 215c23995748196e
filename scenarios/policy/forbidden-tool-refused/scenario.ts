import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'policy',
  description: 'the agent asks for a tool it may not call; the gateway refuses it: the run fails there, once, and does nothing after it',
  plan: {
    name: 'database-cleanup',
    steps: [
      { kind: 'llm', id: 'plan-cleanup', tokens: 1500 },
      { kind: 'tool', id: 'list-tables', tool: 'db.list-tables', mode: 'read' },
      { kind: 'tool', id: 'drop-table', tool: 'db.drop-table', mode: 'write' },
      { kind: 'tool', id: 'post-summary', tool: 'chat.post', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'list-tables', at: 'after-effect', downtimeMs: 200 }],
  policies: [{ rule: 'forbidden-tool', tool: 'db.drop-table', enforce: true }],
});
