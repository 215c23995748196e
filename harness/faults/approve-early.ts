import fc from 'fast-check';
import { z } from 'zod';
import { step } from './common.js';
import type { FaultPackage } from './package.js';
import { expectAnswered } from './approval.js';

const schema = z.strictObject({ kind: z.literal('approve-early'), step });
export type ApproveEarly = z.infer<typeof schema>;

/**
 * The decision delivered right after the run starts, before it waits: it must not be
 * lost. Before it waits on any machine: the run's request for the approval is held
 * until the delivery came back (Answer.beforeTheWait).
 */
export const approveEarly = {
  kind: 'approve-early',
  schema,
  validate: expectAnswered,
  describe: (f) => `approve-early ${f.step}`,
  draw: () => ({}),
  answer: (_f, _moments, h) => ({ when: { precedence: 4, at: () => h.started }, beforeTheWait: true }),
  oracle: {},
  explore: { offer: 'approval', arbitraries: [fc.constant({ kind: 'approve-early' as const })] },
  category: () => 'approvals',
  coverage: { places: ['before-wait'], placesOf: () => ['before-wait'] },
} satisfies FaultPackage<'approve-early', ApproveEarly>;
