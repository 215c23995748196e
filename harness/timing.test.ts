import { describe, expect, it } from 'vitest';
import { CLIENT_TIMEOUT_MS, DECISION_RACE_MARGIN_MS, EXPLORE_TIMING, HANG_MS, HUMAN_REACTION_MS, INTO_WAIT_MS, IN_FLIGHT_MS, MID_SLEEP, RECORD_GRACE_MS, SECOND_WORKER_MID_SLEEP, TRACKED_GRACE_MS, RESTART_ALLOWANCE_MS, ZOMBIE_TAKEOVER_WAIT_MS } from './timing.js';

// The relations the timing table's comments promise: break one and a correct runtime could fail.
describe('the timing table', () => {
  it('crashes into a wait only after the runtime had time to record it', () => expect(INTO_WAIT_MS.min).toBeGreaterThan(RECORD_GRACE_MS));
  it('lets the human answer a crashed wait well before an answered approval times out', () => {
    expect(INTO_WAIT_MS.max + EXPLORE_TIMING.downtimeMs.max / 2).toBeLessThan(EXPLORE_TIMING.answeredTimeoutMs.min);
    expect(HUMAN_REACTION_MS * 4).toBeLessThan(EXPLORE_TIMING.answeredTimeoutMs.min);
  });
  it('calls a decision a race only inside what a restarted worker needs to take it', () => {
    // Taking a decision on a fresh worker is at least recording it; the allowance exploration grants covers the margin.
    expect(DECISION_RACE_MARGIN_MS).toBeGreaterThanOrEqual(RECORD_GRACE_MS);
    expect(RESTART_ALLOWANCE_MS).toBeGreaterThan(DECISION_RACE_MARGIN_MS);
  });
  it('hangs a timed-out call past the caller\'s timeout', () => expect(HANG_MS).toBeGreaterThan(CLIENT_TIMEOUT_MS));
  it('keeps a zombie frozen past the record grace for a takeover, and less than a call waits', () => {
    expect(ZOMBIE_TAKEOVER_WAIT_MS).toBeGreaterThan(RECORD_GRACE_MS);
    expect(ZOMBIE_TAKEOVER_WAIT_MS).toBeLessThan(CLIENT_TIMEOUT_MS);
  });
  it('holds a request in flight for less than the caller waits', () => expect(IN_FLIGHT_MS.max).toBeLessThan(CLIENT_TIMEOUT_MS));
  it('lands a crash in a crashed timer past the record grace, and a second worker no later than its middle', () => {
    expect(EXPLORE_TIMING.crashedTimerMs * MID_SLEEP.from).toBeGreaterThan(RECORD_GRACE_MS);
    expect(MID_SLEEP.from).toBeLessThan(MID_SLEEP.to);
    expect(SECOND_WORKER_MID_SLEEP.to).toBeLessThanOrEqual(0.5);
  });
  it('keeps a crashed timer longer than a crash, its downtime and a restart', () =>
    expect(EXPLORE_TIMING.crashedTimerMs).toBeGreaterThan(INTO_WAIT_MS.max + EXPLORE_TIMING.downtimeMs.max + 200));
  it('keeps a second worker\'s timer running well after it lands', () => expect(EXPLORE_TIMING.secondWorkerTimerMs).toBeGreaterThan(2 * (INTO_WAIT_MS.max + 1000)));
  it('lands a late approval well past the deadline, and gives it time to land after the case', () => {
    expect(EXPLORE_TIMING.afterTimeoutMs.min).toBeGreaterThan(RECORD_GRACE_MS);
    expect(TRACKED_GRACE_MS).toBeGreaterThan(EXPLORE_TIMING.afterTimeoutMs.max + HANG_MS);
  });
});
