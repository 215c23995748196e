import { availableParallelism } from 'node:os';

/**
 * How many cases run at once: a fixed number, or asked afresh each time it matters
 * (explore --concurrency auto changes it while exploring; decision 0122).
 */
export type Lanes = number | (() => number);

export const lanesNow = (l: Lanes): number => (typeof l === 'number' ? l : l());

/** The fixed default of `run` and `explore --concurrency auto`'s floor: one case per core, at most 4. */
export const defaultLanes = (cores = availableParallelism()): number => Math.max(1, Math.min(4, cores));
