import type { Repeats } from './case.js';

/** "fail 7/8, pass 1/8": how often each verdict came out; '' for a case run once. */
export function describeRepeats(r: { repeats?: Repeats }): string {
  if (!r.repeats) return '';
  const { runs, verdicts } = r.repeats;
  const parts = (['fail', 'unknown', 'pass'] as const).filter((v) => verdicts[v]).map((v) => `${v} ${verdicts[v]}/${runs}`);
  return parts.join(', ');
}
