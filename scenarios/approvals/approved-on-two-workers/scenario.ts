import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'approvals',
  description: 'two workers are up while the run waits, and the approval arrives twice at once, once at each: the migration runs once',
  plan: {
    name: 'migration-approval',
    steps: [
      { kind: 'llm', id: 'plan-migration', tokens: 1200 },
      {
        kind: 'approval',
        id: 'approve-migration',
        timeoutMs: 6000,
        approved: [
          { kind: 'tool', id: 'run-migration', tool: 'db.migrate', mode: 'write', latencyMs: 100 },
          { kind: 'tool', id: 'notify-team', tool: 'chat.post', mode: 'write' },
        ],
        rejected: [],
      },
    ],
  },
  decisions: { 'approve-migration': 'approve' },
  faults: [
    // The first worker lives on long enough for both resumes to run to the end.
    { kind: 'second-worker', step: 'approve-migration', at: 'waiting', overlapMs: 2500 },
    { kind: 'approve-twice', step: 'approve-migration', spacingMs: 0 },
  ],
});
