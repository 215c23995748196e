import fc from 'fast-check';
import { z } from 'zod';
import { durationMs } from '../plan/duration.js';
import { EXPLORE_TIMING } from '../timing.js';
import { findApproval, sleep, step } from './common.js';
import type { FaultPackage } from './package.js';
import { expectAnswered } from './approval.js';

const schema = z.strictObject({ kind: z.literal('approve-late'), step, afterTimeoutMs: durationMs().default(300) });
export type ApproveLate = z.infer<typeof schema>;

/** The decision delivered afterTimeoutMs after the approval timed out: it must change nothing. */
export const approveLate = {
  kind: 'approve-late',
  schema,
  validate: expectAnswered,
  describe: (f) => `approve-late ${f.step} (+${f.afterTimeoutMs} ms)`,
  draw: () => ({}),
  answer: (f, _moments, h) => ({
    when: { precedence: 3, at: () => h.asked(f.step).then((e) => sleep(Math.max(0, e.receivedAt + findApproval(h.plan, f.step).timeoutMs + f.afterTimeoutMs - Date.now()))) },
  }),
  // The run must take its timeout path, which the runtime must support.
  oracle: { timesOut: true, needs: 'approval-timeouts' },
  explore: {
    offer: 'approval',
    // Well past the timeout, so "late" stays unambiguous.
    arbitraries: [fc.record({ kind: fc.constant('approve-late' as const), afterTimeoutMs: fc.integer(EXPLORE_TIMING.afterTimeoutMs) })],
    unfair: (_f, kept) => (kept.some((x) => x.process) ? 'a process fault could delay the wait, so "late" would not be after the timeout' : undefined),
  },
  category: () => 'approvals',
  coverage: { places: ['after-timeout'], placesOf: () => ['after-timeout'] },
} satisfies FaultPackage<'approve-late', ApproveLate>;
