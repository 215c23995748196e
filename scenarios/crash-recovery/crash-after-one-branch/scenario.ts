import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'two branches run in parallel; the worker dies after one finished and while the other still runs: the finished branch is not run again',
  plan: {
    name: 'incident-response',
    steps: [
      { kind: 'llm', id: 'triage', tokens: 1500 },
      {
        kind: 'parallel',
        id: 'respond',
        branches: [
          // Finished well before the crash: long enough for any runtime to have recorded it.
          [
            { kind: 'llm', id: 'draft-status-update', tokens: 2500 },
            { kind: 'tool', id: 'post-status-page', tool: 'statuspage.post', mode: 'write' },
          ],
          [
            { kind: 'llm', id: 'analyze-logs', tokens: 6000, latencyMs: 600 },
            { kind: 'tool', id: 'open-ticket', tool: 'jira.create', mode: 'write' },
          ],
        ],
      },
      { kind: 'llm', id: 'summarize', tokens: 1000 },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'open-ticket', at: 'before-effect', downtimeMs: 200 }],
});
