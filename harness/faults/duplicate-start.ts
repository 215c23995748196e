import fc from 'fast-check';
import { z } from 'zod';
import { durationMs } from '../plan/duration.js';
import { sleep } from './common.js';
import type { FaultPackage } from './package.js';

const schema = z.strictObject({ kind: z.literal('duplicate-start'), afterMs: durationMs().default(0) });
export type DuplicateStart = z.infer<typeof schema>;

/** The same run id submitted again, afterMs after the first start: the client's retry. */
export const duplicateStart = {
  kind: 'duplicate-start',
  schema,
  validate: () => undefined,
  describe: (f) => `duplicate-start after ${f.afterMs} ms`,
  draw: () => ({}),
  inject(f, _moments, p) {
    p.track(p.runStarted.then(() => sleep(f.afterMs)).then(() => p.startRunAgain()));
  },
  oracle: {},
  explore: {
    offer: 'run',
    // At once (a double click) a quarter of the time: a plain draw from 0-300 almost never gives 0.
    arbitraries: [fc.record({ kind: fc.constant('duplicate-start' as const), afterMs: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 300 }) }) })],
  },
  category: () => 'effect-safety',
  // At once (a double click) or after the first start (a client's retry).
  coverage: { places: ['at-once', 'later'], placesOf: (f) => [f.afterMs === 0 ? 'at-once' : 'later'] },
} satisfies FaultPackage<'duplicate-start', DuplicateStart>;
