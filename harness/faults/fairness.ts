import type { Kept, TimerContext } from './package.js';
import { DECISION_RACE_MARGIN_MS, EXPLORE_TIMING, HUMAN_REACTION_MS, INTO_WAIT_MS, IN_FLIGHT_MS } from '../timing.js';

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
 * The least length of a sleep a crash lands in: longer than the adapter's restart
 * allowance and the margin, so what a correct runtime waits after its restart (its
 * recovery) is shorter than the timer, and durable-timers cannot mistake it for a
 * timer that began anew (on Temporal a restart takes ~1-2 s; decision 0039).
 */
export function crashedTimerAtLeast(timer: TimerContext): number {
  return Math.max(EXPLORE_TIMING.crashedTimerMs, timer.restartAllowanceMs + raceMarginMs(timer));
}

/**
 * How far from a deadline the restarted worker must be ready for the case to be fair:
 * a worker start's worth (the adapter's restart allowance), at least
 * DECISION_RACE_MARGIN_MS. The checkers read a close race with the case's own first
 * worker start as the margin (checkers/decision-races.ts), so a generator that kept
 * only the fixed margin made cases they could only call undecided: on Temporal, whose
 * traced worker starts in 1.4-2.3 s, 3 to 5 of 16 generated cases (decision 0073).
 */
export function raceMarginMs(timer: TimerContext): number {
  return Math.max(DECISION_RACE_MARGIN_MS, timer.restartAllowanceMs);
}

/**
 * The least timeout of a wait a crash lands in: the restarted worker must be up well
 * before the deadline (the latest crash, its downtime, the adapter's restart allowance
 * and the race margin). A human answering during the outage must count; shorter, the
 * run's decision would be a race between the runtime's recovery and its timer (issue
 * 21). Nobody answering, a timeout that runs out before the worker is back makes its
 * recovery look like a doubled timer.
 */
export function crashedWaitAtLeast(downtimeMs: number, timer: TimerContext): number {
  return Math.max(crashedTimerAtLeast(timer), INTO_WAIT_MS.max + downtimeMs + timer.restartAllowanceMs + raceMarginMs(timer));
}

/**
 * The least length of a timer a second worker lands in (a sleep, an approval's wait,
 * answered or not): the timer must still run once that worker is up, or nothing ran
 * beside the first and the case is undecided. It lands by the middle of a sleep, so
 * half the timer is left for its start: twice the adapter's restart allowance and the
 * race margin, as a crashed timer leaves once; into a wait it lands INTO_WAIT_MS in,
 * and an answered one's human answers HUMAN_REACTION_MS after it is up. Never longer
 * than EXPLORE_TIMING.secondWorkerTimerMs, sized before adapters declared their
 * restarts: only a runtime that restarts faster gets a shorter timer (decision 0089).
 */
export function secondWorkerTimerAtLeast(timer: TimerContext): number {
  const startAndMargin = timer.restartAllowanceMs + raceMarginMs(timer);
  return Math.min(EXPLORE_TIMING.secondWorkerTimerMs, Math.max(crashedTimerAtLeast(timer), 2 * startAndMargin, INTO_WAIT_MS.max + startAndMargin + HUMAN_REACTION_MS));
}

/**
 * The least timeout of an answered approval in another branch of a parallel than the
 * effect a crash lands at: the wait may be under way when its worker dies, and the human
 * answers while it is down, as in a crash into the wait (crashedWaitAtLeast), except that
 * the crash comes when the other branch reaches its step: up to `leadMs` (that branch's
 * latencies) and the call's time in flight later. An answered wait ends at its answer,
 * so the length costs a correct runtime nothing (decision 0090).
 */
export function crashedBesideWaitAtLeast(downtimeMs: number, leadMs: number, timer: TimerContext): number {
  return crashedWaitAtLeast(downtimeMs, timer) + leadMs + IN_FLIGHT_MS.max;
}
