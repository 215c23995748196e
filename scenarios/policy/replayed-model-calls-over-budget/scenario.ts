import { defineScenario } from '../../../harness/scenario/schema.js';

// 3000 + 12000 + 8000 tokens, plus one re-run of write-report, whose answer the crash may cut off before it is recorded.
export default defineScenario({
  category: 'policy',
  description: 'a crash after the fourth step: the resumed run stays within its token budget (one re-run of the cut-off call, no more) and publishes once',
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
  policies: [
    { rule: 'token-budget', tokens: 31000 },
    { rule: 'call-budget', tool: 'wiki.publish', calls: 1 },
  ],
});
