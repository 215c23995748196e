import { z } from 'zod';

/**
 * The longest time a scenario may ask for (a sleep, a timeout, a latency, a downtime).
 * A case runs in real time, so an hour is already far past any CI budget; beyond about
 * 24.8 days Node's timers overflow and the case failed as "could not run" instead of
 * as bad input.
 */
export const MAX_DURATION_MS = 3_600_000;

/** Whole milliseconds within [min, MAX_DURATION_MS], with a message naming the bound. */
export const durationMs = (min: 0 | 1 = 0) =>
  z
    .number()
    .int()
    .min(min)
    .max(MAX_DURATION_MS, `at most ${MAX_DURATION_MS} ms (1 hour): a case runs in real time`);
