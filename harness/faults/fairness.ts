import type { Kept } from './package.js';

// Fairness rules that several kinds share in exploration.

/**
 * At most one process fault per case (two restarts could overlap, and a crash beside
 * a second worker is a schedule nobody models), and none beside a late approval (it
 * could delay the start of the wait, so "late" would no longer be after the timeout).
 */
export function oneProcessFault(_f: unknown, kept: readonly Kept[]): string | undefined {
  if (kept.some((x) => x.process)) return 'a process fault is already in the case';
  if (kept.some((x) => x.kind === 'approve-late')) return 'a late approval is in the case';
  return undefined;
}
