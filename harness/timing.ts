// The harness's timing table: constants that must agree with each other, in one
// place, each with the relation it keeps. timing.test.ts asserts the relations, so
// changing one number cannot silently break another. Milliseconds throughout.

/** A range the seed draws from (inclusive). */
export interface Window {
  min: number;
  max: number;
}

/**
 * A step counts as completed once its answer arrived and its worker outlived it by
 * this long (step-isolation; durable-timers calls a crash this soon after a timer
 * began inconclusive). A runtime that records a result takes far less.
 */
export const RECORD_GRACE_MS = 250;

/**
 * Where a crash (or a second worker) lands after the run starts waiting for an
 * approval, drawn from the seed. Its min stays well past RECORD_GRACE_MS, so a
 * correct runtime has recorded the wait and its deadline; its max keeps the human's
 * answer (it comes half a downtime after the crash) far from an 800 ms timeout.
 */
export const INTO_WAIT_MS: Window = { min: 400, max: 600 };

/**
 * How long a restarted worker may take, from its start to taking a pending decision,
 * when its adapter declares nothing (Adapter.restartAllowanceMs): exploration gives a
 * human who answers while the worker is down at least this long, plus the downtime and
 * DECISION_RACE_MARGIN_MS, before the deadline. Generous, so a fair case stays fair on
 * a loaded machine; where it still is not, the checkers call the decision a race.
 */
export const RESTART_ALLOWANCE_MS = 1500;

/**
 * A decision given while the worker was down races the approval's deadline when the
 * restarted worker is ready less than this long (or the first worker's own start time,
 * if longer) before it: whether the runtime takes the decision or its timer then
 * depends on its recovery, not its design, so the decision is judged as unknown.
 */
export const DECISION_RACE_MARGIN_MS = 500;

/** How long after the run asks for an approval the human answers (no fault on the wait). */
export const HUMAN_REACTION_MS = 50;

/**
 * The longest the run's request for an approval is held while an early answer's first
 * delivery is under way (approve-early, decision 0082): a delivery that hangs must not
 * stall the run, which would then be judged on a wait the scenario never had.
 */
export const EARLY_ANSWER_HOLD_MAX_MS = 5000;

/** How long a held request stays in flight before a during-effect crash lands, drawn from the seed. */
export const IN_FLIGHT_MS: Window = { min: 10, max: 60 };

/**
 * Where in a sleep a crash lands, as fractions of the sleep drawn from the seed: the
 * middle half. Never sooner than RECORD_GRACE_MS into it unless the sleep is too short
 * for that (then its middle), so a correct runtime has recorded the timer.
 */
export const MID_SLEEP = { from: 0.25, to: 0.75 } as const;
/** A second worker lands no later than halfway through a sleep: the sleep must still run once it is up. */
export const SECOND_WORKER_MID_SLEEP = { from: 0.25, to: 0.5 } as const;

/**
 * A zombie (second-worker with pauseFirstMs) is woken no sooner than its pause, and
 * not before the ledger answered the second worker's call for the step, or this long
 * after the second worker is up, whichever comes first (decision 0054): woken before
 * anyone took over, it is a slow worker that lost its lease, and its answer, read
 * awake and then fenced, looks like a lost checkpoint. The reference's second worker
 * calls 40-150 ms after it is up at load 16. Short, because a runtime whose server
 * retries the step only after a timeout may hand that retry to the frozen worker
 * itself (Temporal): each extra ms frozen risks timing out that attempt too
 * (3 s made Temporal's zombie case fail 2 of 2, 500 ms 1 of 3).
 */
export const ZOMBIE_TAKEOVER_WAIT_MS = 300;

/** The timeout of the interpreters' calls to the ledger (worker-kit's callWithRetry). */
export const CLIENT_TIMEOUT_MS = 1000;
/** How long a timed-out call hangs before the connection drops: past the client's timeout, so the caller gives up first. */
export const HANG_MS = 1500;

/**
 * How far a case's deadline may be pushed back by the time its workers spent starting
 * after the first (a restart on a loaded machine is not a run that never finishes):
 * at most this much in all, so a worker that never becomes ready still ends the case.
 */
export const STARTUP_ALLOWANCE_MAX_MS = 30_000;

/** Past the case's deadline, scheduled faults and deliveries get this long to finish (a late approval must still land). */
export const TRACKED_GRACE_MS = 3000;

/**
 * After a run, the ledger must be quiet this long before the case is judged when its
 * workers do not say whether they are idle (or the adapter declares no actsAloneMs):
 * long enough that a stray effect (a duplicate run still going, a late approval's
 * consequences) is recorded first.
 */
export const SETTLE_QUIET_MS = 200;
/** The most a case waits for quiet, or for busy workers to go idle, before it is judged anyway. */
export const SETTLE_MAX_MS = 2000;

/** Slack for poll intervals and clock reads between processes (durable-timers). */
export const TIMER_SLACK_MS = 15;

/** Timings of generated plans: small so a case takes about a second, and far from the harness's own margins. */
export const EXPLORE_TIMING = {
  /** An answered approval: far longer than the human's reaction, and than a crash's INTO_WAIT_MS.max plus half a downtime. */
  answeredTimeoutMs: { min: 800, max: 1500 },
  /** Nobody answers: the run takes the timeout path after this. */
  silentTimeoutMs: { min: 200, max: 500 },
  sleepMs: { min: 200, max: 600 },
  latencyMs: { min: 10, max: 200 },
  /** A crash's downtime. */
  downtimeMs: { min: 100, max: 300 },
  /**
   * A timer a crash lands in (a sleep, or an approval nobody answers) lasts at least
   * this long. durable-timers calls a timer doubled when, after a restart inside it,
   * the run waited a whole length again; a restarted worker needs ~200 ms (more on a
   * loaded machine) just to start and reach its first call, so a short timer would
   * look doubled on a correct runtime.
   */
  crashedTimerMs: 1200,
  /**
   * A timer a second worker lands in (a sleep, an approval's wait, answered or not)
   * lasts at least this long: the timer must still run once that worker is up, or
   * nothing runs beside the first and the case is undecided. It starts INTO_WAIT_MS
   * into a wait or at most halfway through a sleep, and takes 50 ms on the reference
   * runtime, ~0.7 s on LangGraph or Temporal, seconds on a loaded machine; an answered
   * approval's human then answers HUMAN_REACTION_MS later, and an 800 ms timeout would
   * run out first, so a correct runtime would look as if it lost the approval. The most
   * such a timer lasts: a runtime that declares a quicker restart gets less
   * (secondWorkerTimerAtLeast, faults/fairness.ts; decision 0089).
   */
  secondWorkerTimerMs: 4000,
  /** A late approval lands this long after the timeout: the runtime sets its deadline a few ms after the request, and a busy machine adds a little. */
  afterTimeoutMs: { min: 400, max: 800 },
} as const;

/**
 * How long an adapter call may take before the harness stops waiting for it, whether
 * or not the adapter honours its abort signal: a faulty adapter must not hang a CI
 * gate. The case then ends `unknown` with the call named, and its workers are killed.
 */
export const ADAPTER_CALL_LIMITS_MS = {
  /** Once per run: start servers, bundle code (Temporal builds its workflow bundle here). */
  setup: 300_000,
  teardown: 60_000,
  /** Per case: a runtime server of its own may start here (Restate, embedded Postgres). */
  openCase: 120_000,
  /** After each worker start; as long as a worker may take to start (WorkerSpec's default). */
  workerStarted: 20_000,
  readHistory: 30_000,
  close: 30_000,
} as const;

/**
 * After the case's deadline (or an interrupt) aborts a call the adapter should end
 * (awaitResult, startRun, deliverApproval), it gets this long to notice before the
 * harness gives up on it and leaves the case undecided. A cooperative adapter ends at
 * once; the grace is generous so that a slow one on a loaded machine (a gRPC
 * cancellation) is never mistaken for one that ignores its signal, which would turn a
 * run that really did not complete (a fail) into an undecided case.
 */
export const ABORT_GRACE_MS = 5000;

/**
 * A case that failed while the harness's event loop was blocked this long is left
 * undecided (decision 0121): every fault, answer and thaw of the case is a timer of that
 * loop, and the ledger answers on it, so the case did not run as its scenario says. Far
 * above the loop's stalls on a loaded machine (a few hundred ms), and below the 5 s a
 * synchronous SQLite wait took (decision 0120).
 */
export const HARNESS_STALL_LIMIT_MS = 2000;
