import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'crash-recovery',
  description: 'three tool calls run in parallel and the worker dies right after one booking: no booking repeats, the others are not lost',
  plan: {
    name: 'trip-booking',
    steps: [
      { kind: 'llm', id: 'plan-trip', tokens: 3000 },
      {
        kind: 'parallel',
        id: 'book-all',
        branches: [
          [{ kind: 'tool', id: 'reserve-flight', tool: 'airline.book', mode: 'write', latencyMs: 40 }],
          [{ kind: 'tool', id: 'reserve-hotel', tool: 'hotel.book', mode: 'write' }],
          [{ kind: 'tool', id: 'lookup-weather', tool: 'weather.forecast', mode: 'read' }],
        ],
      },
      { kind: 'llm', id: 'summarize-trip', tokens: 1500 },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'reserve-hotel', at: 'after-effect', downtimeMs: 200 }],
});
