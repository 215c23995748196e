// Every timeout that decides how fast Temporal notices a crash, in one place. The
// values are short so that a case recovers in about a second; each comment says
// what the setting means in production, where the defaults are much longer.
// Pure constants: the workflow sandbox imports this file too.

/** Activity options for every llm and tool step (and the approval request). */
export const ACTIVITY_TIMEOUTS = {
  /**
   * How long one attempt may run before the server gives up on it and retries.
   * Production: as long as the slowest legitimate call (a long model call may need
   * minutes). Here: above the slowest scenario call (600 ms) and the injected 1.5 s hang.
   */
  startToCloseTimeout: '5s',
  /**
   * How long the server waits between heartbeats before it declares the attempt lost.
   * The server cannot see a worker die: for an activity that does not heartbeat, a
   * SIGKILLed worker is noticed only when start-to-close runs out. Production: a few
   * times the heartbeat interval (often 10-60 s). Here: 1 s, so a crash mid-call
   * recovers in about a second.
   */
  heartbeatTimeout: '1s',
} as const;

/** How often an activity heartbeats while its call is in flight (the SDK throttles to 80% of heartbeatTimeout). */
export const HEARTBEAT_EVERY_MS = 250;

/**
 * The activity retry policy. Temporal's default is 1 s initial interval, doubling up
 * to 100 s, unlimited attempts; that is the production default. Shorter here so a
 * flaky tool (three 503s) is retried within a second. Unlimited attempts, as Temporal's.
 */
export const ACTIVITY_RETRY = {
  initialInterval: '100ms',
  backoffCoefficient: 2,
  maximumInterval: '1s',
} as const;

/** The HTTP client timeout of one call from an activity to the outside world (the ledger). */
export const CALL_TIMEOUT_MS = 2000;

/**
 * How long a workflow task may wait on the sticky queue of the worker that last ran
 * the workflow before the server moves it to the shared task queue. A SIGKILLed worker
 * never polls its sticky queue again, so this is the delay before another worker
 * resumes the workflow (after a timer fires or a signal arrives). Production default:
 * 10 s in the TS SDK (5 s in the server); high enough that a busy worker keeps its
 * cache. Here: 500 ms, well under the shortest sleep a crash lands in (1.5 s), so a
 * slow takeover cannot pass for a doubled timer.
 */
export const STICKY_SCHEDULE_TO_START = '500ms';

/**
 * How long one workflow task (a replay step of the interpreter) may take on a worker
 * before the server hands it to another worker. A worker killed in the middle of a
 * workflow task holds the run up for this long. Production default 10 s. Here 2 s:
 * a cold replay on a loaded 2-core machine took up to 0.6 s, so 2 s leaves room.
 */
export const WORKFLOW_TASK_TIMEOUT = '2s';
