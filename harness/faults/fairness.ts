import type { Kept, TimerContext } from './package.js';
import { DECISION_RACE_MARGIN_MS, EXPLORE_TIMING, INTO_WAIT_MS } from '../timing.js';

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

/**
 * The least timeout of a wait a crash lands in. Nobody answers: long enough to outlast
 * a restart (or a correct runtime looks as if it doubled the timer). A human answers
 * while the process is down: the answer must count, so the restarted worker must be up
 * well before the deadline: the latest crash, its downtime, the adapter's restart
 * allowance and the race margin. Shorter, the run's decision would be a race between
 * the runtime's recovery and its timer (issue 21; decision 0039).
 */
export function crashedWaitAtLeast(downtimeMs: number, step: string, timer: TimerContext): number {
  if (!timer.answered(step)) return EXPLORE_TIMING.crashedTimerMs;
  return INTO_WAIT_MS.max + downtimeMs + timer.restartAllowanceMs + DECISION_RACE_MARGIN_MS;
}
