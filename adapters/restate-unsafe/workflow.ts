import type * as restate from '@restatedev/restate-sdk';
import type { LedgerAddress } from '../../harness/kit.js';
import type { Primitives } from '../../harness/plan/index.js';
import { callOutside, type ChildOf, effectRequest, journaledPrimitives, parallelPrimitive } from '../restate/workflow.js';

/**
 * Known-bad on purpose, one textbook mistake: write tools are called straight from
 * the handler instead of inside ctx.run. Nothing records that they happened, so
 * every replay of the invocation (after a crash, a retry) calls them again. The
 * idempotency key is kept as in the correct interpreter, so the one difference is
 * the missing ctx.run.
 */
export function writesOutsideRun(ctx: restate.WorkflowContext, ledger: LedgerAddress, child?: ChildOf): Primitives {
  const correct = journaledPrimitives(ctx, ledger, child);
  const effect: Primitives['effect'] = (step) => (step.kind === 'tool' && step.mode === 'write' ? callOutside(ledger, effectRequest(ctx, step, child)) : correct.effect(step));
  return { ...correct, effect, parallel: parallelPrimitive(effect) };
}
