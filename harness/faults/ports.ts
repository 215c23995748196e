import type { StopState } from '../process/stopped.js';
import type { Interceptor } from '../ledger/server.js';
import type { LedgerEvent } from '../ledger/events.js';
import type { Plan } from '../plan/schema.js';

// The narrow ports through which a fault reaches a case: the case implements them,
// a fault package uses them, and neither imports the other's classes.

/** The outside world: hold, fail or drop a request, and wait for what it records. */
export interface LedgerPort {
  intercept(fn: Interceptor): void;
  waitFor(pred: (e: LedgerEvent) => boolean): Promise<LedgerEvent>;
}

/** The worker processes. `P` is a process handle the port hands back and takes again. */
export interface WorkerPort<P = unknown> {
  readonly current: P | undefined;
  /** SIGKILL the current worker and wait until it is gone. */
  crash(detail: string): Promise<void>;
  /** Start a worker again once `ms` have passed (if none runs then). */
  restartAfter(ms: number): void;
  /** SIGSTOP a worker (the current one by default); resolved once it has stopped (decision 0117), with what was seen. */
  freeze(proc?: P, detail?: string): Promise<StopState | undefined>;
  thaw(proc: P, detail?: string): void;
  /** Start a second worker beside the current one; returns the older one, still running. */
  startBeside(): Promise<P | undefined>;
  retire(proc: P, detail: string): Promise<void>;
  /** The worker can act no more: exited, or said it was idle after the harness's last action. */
  idle(proc: P): boolean;
  /** Resolves once `holds()` is true, looked at again on each worker report, exit and recorded event; or when `giveUp` settles. */
  until(holds: () => boolean, giveUp: Promise<unknown>): Promise<void>;
}

/** The runtime's own server or database, when the adapter can crash it. */
export interface RuntimePort {
  crash(): Promise<void>;
  restart(): Promise<void>;
}

/** What the history records of a fault: a typed action, read by checkers instead of free text. */
export type FaultAction =
  | 'drawn' // the moments the seed chose for it (detail and `drawn`)
  | 'crash' // the worker (or the runtime, with crash-runtime) is about to be killed
  | 'freeze' // the worker is frozen with an answer on its way
  | 'crash-runtime' // the runtime's server is killed now
  | 'runtime-restarted'
  | 'second-worker'
  | 'second-worker-failed'
  | 'reply-503'
  | 'hang-then-drop'
  | 'apply-then-drop-connection'
  | 'not-injected'; // the fault could not be injected: the case is undecided

export interface InjectPorts {
  ledger: LedgerPort;
  workers: WorkerPort;
  /** The worker that alone runs the case's child runs, where the runtime gives them one (decision 0110). */
  childWorkers?: WorkerPort;
  /** Absent when the adapter cannot crash its runtime (such cases are skipped first). */
  runtime?: RuntimePort;
  plan: Plan;
  /** When the run was started (ms since the epoch). */
  runStarted: Promise<number>;
  /** Record what the fault does now, for the history and the checkers. */
  note(action: FaultAction, detail?: string): void;
  /** Work the case must wait for before it ends (restarts after a downtime). */
  track(p: Promise<unknown>): void;
  /** The fault could not be injected: the case cannot be judged on it. */
  notInjected(reason: string): void;
  /** Tell the human that a second worker is up beside the first at this step. */
  secondWorkerUp(step: string): void;
  /** Whether the run already finished (a fault that lands after it did nothing). */
  runFinished(): boolean;
  /** Submit the same run again, as a client would (duplicate-start). */
  startRunAgain(): Promise<unknown>;
}

/** What the human's side offers a fault that changes when or how often the decision is delivered. */
export interface HumanPorts {
  plan: Plan;
  /** When the run was started. */
  started: Promise<number>;
  /** The run asked for this approval (its request reached the outside world). */
  asked(step: string): Promise<LedgerEvent>;
  /** A second worker is up beside the first at this step. */
  secondWorkerUp(step: string): Promise<void>;
  /** Hold this run's request for the approval at the ledger until `until` settles (at most EARLY_ANSWER_HOLD_MAX_MS). */
  holdRequest(step: string, until: Promise<unknown>): void;
}

