import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'the worker dies in the middle of a slow model call: only that call may run again, not the research before it',
  plan: {
    name: 'support-reply',
    steps: [
      { kind: 'llm', id: 'research', tokens: 2500 },
      { kind: 'llm', id: 'draft-reply', tokens: 6000, latencyMs: 500 },
      { kind: 'tool', id: 'post-reply', tool: 'helpdesk.reply', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'draft-reply', at: 'during-effect', downtimeMs: 200 }],
});
