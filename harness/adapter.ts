import type { LedgerAddress } from './ledger/client.js';
import type { RunOutput } from './plan/execute.js';
import type { Plan } from './plan/schema.js';
import type { Fault } from './faults/registry.js';

// The adapter contract: a small required core, and optional powers that the harness
// tests for (as Jepsen's Kill and Pause protocols). docs/adapters.md is its guide.

/** Something a runtime may be unable to do at all; cases that need it are skipped. */
export type Capability = 'approval-timeouts' | 'read-history' | 'restart-runtime' | 'agent-steps' | 'traces' | 'child-approvals';

/** How the harness starts one worker process: always a real OS process it can SIGKILL. */
export type WorkerSpec = NodeWorker | CommandWorker;

interface WorkerSpecCommon {
  env?: Record<string, string>;
  /**
   * Variables the process needs to load its code, the same for every case (PYTHONPATH,
   * NODE_OPTIONS): a warm spare is spawned with them (it gets `env` only with its case);
   * a worker spawned for its case gets them beside `env`, which wins.
   */
  loadEnv?: Record<string, string>;
  /** How long a start may take before it counts as failed (default 20 s). */
  readyTimeoutMs?: number;
  /** The worker says when it is idle (announceIdle): a case is judged as soon as every worker is (decision 0050). */
  reportsIdle?: boolean;
  /**
   * The worker can be started ahead of its case, as a warm spare (waitForCase,
   * docs/protocol.md): spawned without the case's variables, it loads its code, prints
   * `agentcheck:loaded` and reads its case (variables, folder, args) as one JSON line on
   * stdin. Still a fresh process for exactly one case (decision 0074).
   */
  waitsForCase?: boolean;
}

/** A worker in JavaScript, run with the harness's own Node. */
export interface NodeWorker extends WorkerSpecCommon {
  /** Compiled JavaScript, or TypeScript its type stripping runs (scriptBeside finds it). */
  script: string;
  args?: string[];
}

/**
 * A worker in any language: a command the harness runs as it is (argv, no shell), in a
 * process group of its own. It must follow the worker protocol (docs/protocol.md), which
 * the harness checks before any case (harness/protocol/check.ts).
 */
export interface CommandWorker extends WorkerSpecCommon {
  command: [string, ...string[]];
}

export const isCommandWorker = (spec: WorkerSpec): spec is CommandWorker => Array.isArray((spec as Partial<CommandWorker>).command);

export interface CaseContext {
  caseId: string;
  /** The case's own output folder: the adapter may keep files here (databases, logs). */
  dir: string;
  ledger: LedgerAddress;
  plan: Plan;
  /** The faults the harness will inject: an adapter may isolate a case whose faults reach beyond it (a runtime restart). */
  faults: Fault[];
  /** A string of hex digits drawn from the seed, for ids that must differ between cases. */
  salt: string;
  /**
   * The case's OTLP/HTTP trace receiver, as OTEL_EXPORTER_OTLP_ENDPOINT takes it, for a
   * runtime server that exports spans of its own (workers get it in OTEL_*); absent when
   * the adapter declares it lacks traces.
   */
  traceEndpoint?: string;
}

export type RunResult = { status: 'completed'; output: RunOutput } | { status: 'failed'; error: string };

/** What the runtime itself recorded, for the audit-trail check. */
export interface RuntimeHistory {
  /** A child run's steps are listed too; an agent step names its child run (`childRun`), the link between the records. */
  steps: { stepId: string; status: 'completed' | 'started' | 'failed'; result?: string; childRun?: string }[];
}

/** One case's connection to the runtime. */
export interface CaseRuntime {
  worker: WorkerSpec;
  /**
   * A second worker process that alone runs the case's child runs (agent steps), where
   * the runtime can give a child a worker of its own (a task queue, a claim filter):
   * the harness starts it beside the first and restarts it the same way, and a crash
   * anchored at a step of an agent's plan kills it, not the parent's (decision 0110).
   * Absent: every run of the case, children included, is the one worker's.
   */
  childWorker?: WorkerSpec;
  /** Called after each worker start, with what the worker printed after its ready marker. */
  workerStarted?(readyPayload: string): Promise<void>;
  /** As workerStarted, after each start of the child runs' worker (childWorker). */
  childWorkerStarted?(readyPayload: string): Promise<void>;
  startRun(runId: string): Promise<void>;
  /**
   * The human's decision on approval `stepId` of run `runId` (the run the harness started).
   * An approval inside an agent's plan is its child's wait: the adapter routes the decision
   * to that child (`runWaitingAt`, harness/plan/child-approvals.ts) the way its runtime teaches (decision 0112).
   */
  deliverApproval(runId: string, stepId: string, decision: 'approve' | 'reject'): Promise<void>;
  /** Resolves when the run ends; rejects when `signal` aborts (the case's deadline). */
  awaitResult(runId: string, signal: AbortSignal): Promise<RunResult>;
  close(): Promise<void>;
}

/** Optional power: read the runtime's own record of a run (audit-trail). */
export interface ReadsHistory {
  readHistory(runId: string): Promise<RuntimeHistory>;
}

/** Optional power: the runtime has a server or database of its own to crash and restart. */
export interface RestartsRuntime {
  crashRuntime(): Promise<void>;
  restartRuntime(): Promise<void>;
}

export interface SuiteContext {
  /** The run's output folder. */
  dir: string;
}

export interface Adapter {
  name: string;
  description: string;
  runtimeVersion?: string;
  /** Capabilities this runtime lacks, each with the reason shown in the report. */
  lacks?: Partial<Record<Capability, string>>;
  /**
   * How long a restarted worker of this runtime takes, from its start to taking a
   * pending decision, measured with some headroom (docs/performance.md). Exploration
   * keeps a human's answer given during an outage this long, plus the downtime, before
   * the deadline (RESTART_ALLOWANCE_MS when left out). Declared, not measured in the
   * run, so a seed and path generate the same case on any machine (decision 0039).
   */
  restartAllowanceMs?: number;
  /**
   * How late, after a worker restart, a correct runtime may act on a timer that ran out
   * meanwhile (Temporal first offers the fired timer's task to the dead worker's sticky
   * queue, then replays). Where a restart came early in a wait, a timer that ran out on
   * time and then took this long looks like one that began again at the restart:
   * durable-timers calls such a case undecided instead of failing it (decision 0099).
   * Declared from measurement; 0 when left out.
   */
  timerLatencyMs?: number;
  /**
   * How long the ledger must stay quiet before a case is judged once every worker has
   * exited or said it is idle and nothing the harness scheduled is pending: the time
   * this runtime can still act on its own (a server's timers, its retries of a call).
   * A runtime that lives entirely in its workers declares 0. Workers that never say
   * whether they are idle are waited out as before (SETTLE_QUIET_MS). See decision 0050.
   */
  actsAloneMs?: number;
  /** Once per `agentcheck run`, before any case: start shared servers, bundle code. */
  setup?(ctx: SuiteContext): Promise<void>;
  teardown?(): Promise<void>;
  openCase(ctx: CaseContext): Promise<CaseRuntime & Partial<ReadsHistory & RestartsRuntime>>;
}

export const readsHistory = (rt: object): rt is ReadsHistory => typeof (rt as Partial<ReadsHistory>).readHistory === 'function';
export const restartsRuntime = (rt: object): rt is RestartsRuntime =>
  typeof (rt as Partial<RestartsRuntime>).crashRuntime === 'function' && typeof (rt as Partial<RestartsRuntime>).restartRuntime === 'function';

/** The marker a worker prints on stdout once it can take work. */
export const READY_MARKER = 'agentcheck:ready';
/** The marker a spare worker prints once its code is loaded, before it reads its case on stdin (WorkerSpec.waitsForCase). */
export const LOADED_MARKER = 'agentcheck:loaded';
/** Set in a spare's environment: wait for the case on stdin. */
export const WAIT_FOR_CASE_ENV = 'AGENTCHECK_WAIT_FOR_CASE';
/** Set in a spare's environment when the case it will most likely serve judges traces: load the tracing SDK before `loaded`. */
export const SPARE_TRACES_ENV = 'AGENTCHECK_SPARE_TRACES';
/** Lines a worker may print when it has nothing left to do, and when it takes work again (announceIdle). */
export const IDLE_MARKER = 'agentcheck:idle';
export const BUSY_MARKER = 'agentcheck:busy';
