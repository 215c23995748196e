import fc from 'fast-check';
import { z } from 'zod';
import { HANG_MS } from '../timing.js';
import { step } from './common.js';
import type { FaultPackage } from './package.js';

const schema = z.strictObject({
  kind: z.literal('tool-fails'),
  step,
  times: z.number().int().positive().max(100, 'at most 100: a tool failing more often than that is down, not flaky').default(1),
  how: z.enum(['error', 'timeout']).default('error'),
});
export type ToolFails = z.infer<typeof schema>;

/** 503 answers, or a hang past the caller's timeout, the first `times` calls of a step. */
export const toolFails = {
  kind: 'tool-fails',
  schema,
  validate: (f, ctx) => ctx.expectStep(f.step, ['llm', 'tool'], f.kind),
  describe: (f) => `tool-fails ${f.step} x${f.times} (${f.how})`,
  draw: () => ({}),
  inject(f, _moments, p) {
    let left = f.times;
    p.ledger.intercept((req) => {
      if (req.stepId !== f.step || left <= 0) return undefined;
      left--;
      p.note(f.how === 'error' ? 'reply-503' : 'hang-then-drop');
      return f.how === 'error' ? { apply: false, reply: 'error' } : { apply: false, reply: 'hang', hangMs: HANG_MS, reason: 'injected timeout' };
    });
  },
  oracle: {},
  explore: {
    offer: 'effect',
    arbitraries: [
      fc.record({ kind: fc.constant('tool-fails' as const), times: fc.integer({ min: 1, max: 3 }), how: fc.constant('error' as const) }),
      // A timed-out call hangs HANG_MS: one failure, or cases get slow.
      fc.record({ kind: fc.constant('tool-fails' as const), times: fc.constant(1), how: fc.constant('timeout' as const) }),
    ],
  },
  category: () => 'step-replay',
  coverage: { places: ['error', 'timeout'], placesOf: (f) => [f.how] },
} satisfies FaultPackage<'tool-fails', ToolFails>;
