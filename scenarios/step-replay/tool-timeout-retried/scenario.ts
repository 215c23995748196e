import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'step-replay',
  description: 'a search call hangs past the client timeout once: it is retried alone and the run completes',
  plan: {
    name: 'travel-search',
    steps: [
      { kind: 'llm', id: 'parse-request', tokens: 700 },
      { kind: 'tool', id: 'search-flights', tool: 'flights.search', mode: 'read' },
      { kind: 'llm', id: 'rank-flights', tokens: 1800 },
    ],
  },
  faults: [{ kind: 'tool-fails', step: 'search-flights', times: 1, how: 'timeout' }],
});
