import fc from 'fast-check';
import { z } from 'zod';
import { durationMs } from '../plan/duration.js';
import { step } from './common.js';
import type { FaultPackage } from './package.js';
import { expectAnswered } from './approval.js';

const schema = z.strictObject({ kind: z.literal('approve-twice'), step, spacingMs: durationMs().default(0) });
export type ApproveTwice = z.infer<typeof schema>;

/** The decision delivered twice: at once (spacingMs 0, two concurrent deliveries) or spacingMs apart. */
export const approveTwice = {
  kind: 'approve-twice',
  schema,
  validate: expectAnswered,
  describe: (f) => `approve-twice ${f.step} (${f.spacingMs} ms apart)`,
  draw: () => ({}),
  answer: (f) => ({ twice: { spacingMs: f.spacingMs } }),
  oracle: {},
  explore: {
    offer: 'approval',
    // At once a quarter of the time: an integer drawn from 0-400 is almost never 0, and concurrent deliveries are the harder case.
    arbitraries: [fc.record({ kind: fc.constant('approve-twice' as const), spacingMs: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 400 }) }) })],
  },
  category: () => 'approvals',
  // Two concurrent deliveries, or a second one after the first was taken.
  coverage: { places: ['at-once', 'apart'], placesOf: (f) => [f.spacingMs === 0 ? 'at-once' : 'apart'] },
} satisfies FaultPackage<'approve-twice', ApproveTwice>;
