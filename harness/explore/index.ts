// Exploration's public surface, re-exported by harness/index.ts.
export { explore, type ExploreOptions, type ExploreResult, type ExploreFailure } from './explore.js';
export { exploreInVitest, ExplorationFailed, type ExploreInVitestOptions } from './vitest.js';
export { replayPath, type ReplayOptions } from './replay-case.js';
export { scenarioArbitrary, type GenerateOptions, type GeneratedScenario } from './arbitrary/scenario.js';
