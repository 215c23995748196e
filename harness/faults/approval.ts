import type { ValidateContext } from './package.js';

/** The approval faults name an approval step the human answers. */
export function expectAnswered(f: { kind: string; step: string }, ctx: ValidateContext): void {
  ctx.expectStep(f.step, ['approval'], f.kind);
  if (!ctx.decisions[f.step]) ctx.issue(['step'], `${f.kind} needs a decision for "${f.step}" under decisions (in every run, with several runs)`);
}
