import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'cli/**/*.test.ts', 'adapters/**/*.test.ts', 'reports/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end files start real runtimes and time real sleeps: one file at a time
    // on these 2-core machines keeps timings honest.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: '.agentcheck/vitest-results.json' }]],
  },
});
