import fc from 'fast-check';
import { z } from 'zod';
import { step } from './common.js';
import type { FaultPackage } from './package.js';

const schema = z.strictObject({ kind: z.literal('response-lost'), step });
export type ResponseLost = z.infer<typeof schema>;

/** The effect is applied, then the connection drops before the answer: the outcome is indefinite for the caller. */
export const responseLost = {
  kind: 'response-lost',
  schema,
  validate: (f, ctx) => ctx.expectStep(f.step, ['llm', 'tool'], f.kind),
  describe: (f) => `response-lost ${f.step}`,
  draw: () => ({}),
  inject(f, _moments, p) {
    let done = false;
    p.ledger.intercept((req) => {
      if (req.stepId !== f.step || done) return undefined;
      done = true;
      p.note('apply-then-drop-connection');
      return { apply: true, reply: 'drop' };
    });
  },
  oracle: {},
  explore: { offer: 'effect', arbitraries: [fc.constant({ kind: 'response-lost' as const })] },
  category: () => 'effect-safety',
  coverage: { places: ['effect'], placesOf: () => ['effect'] },
} satisfies FaultPackage<'response-lost', ResponseLost>;
