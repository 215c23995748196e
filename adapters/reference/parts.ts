import type { DatabaseSync } from 'node:sqlite';
import { childRunId, type AgentStep, type Plan, type Step } from '../../harness/plan/index.js';

// The reference worker is built from these small parts. The defaults are the correct
// runtime; test/mutants/ swaps one part at a time to make a known-bad runtime that the
// checkers must catch (docs/decisions/0033-reference-worker-parts.md). A parts module
// given to the worker may import only types: it runs as TypeScript stripped by Node.

/** What a part may ask of the run's lease. */
export interface Lease {
  /** Extend the lease in the journal from now, if it is still ours; false once it ran out or was taken. */
  extend(runId: string): boolean;
  /** What the renewal timer last learned: true once a renewal failed. */
  lostByTimer(runId: string): boolean;
}

/** One call to the outside world that may carry an idempotency key. */
export interface KeyedCall {
  runId: string;
  step: Step;
  request: 'effect' | 'approval-request';
}

/** One approval wait: its deadline and when this worker began it. */
export interface ApprovalWait {
  runId: string;
  stepId: string;
  deadline: number;
  startedAt: number;
}

export type Answer = 'approve' | 'reject';

/** The step a fence is asked about, in its run: a part that fences by where the step sits (test/mutants/) reads it. */
export interface FencedCall {
  db: DatabaseSync;
  plan: Plan;
  stepId: string;
  /** Before a call's attempt: which one (1 the first). */
  attempt?: number;
}

export interface WorkerParts {
  /** How long a run's lease lasts, and how often the timer renews it. */
  lease: { ms: number; renewEveryMs: number };
  /** May this worker act on the run? Asked before every step (`step`) and every attempt of a call (`retry`). */
  fence(lease: Lease, runId: string, before: 'step' | 'retry', call: FencedCall): boolean;
  /** The key a call carries (asked once per execution of a step), or none. */
  idempotencyKey(call: KeyedCall): string | undefined;
  /** How many times a call is tried before the step fails. */
  maxAttempts: number;
  /**
   * What a call the outside world refused for good (an HTTP 4xx, a policy gateway's 403)
   * leaves as the step's result, or undefined to fail the step and so the run.
   */
  onRefused(error: { message: string; retryable: boolean }): string | undefined;
  /** When a wait (a sleep, an approval's timeout) that lasts `ms` ends. */
  deadline(db: DatabaseSync, runId: string, stepId: string, ms: number): number;
  /** The human's answer to a wait so far, if any; 'timed-out' once none can count any more. */
  decision(db: DatabaseSync, wait: ApprovalWait): Answer | 'timed-out' | undefined;
  /** Note in the journal that a step begins (before its effect), counting its attempts. */
  begin(db: DatabaseSync, run: { runId: string; plan: Plan }, stepId: string): void;
  /** Write a finished step's result to the journal, so that a restart does not run it again. */
  record(db: DatabaseSync, run: { runId: string; plan: Plan }, stepId: string, result: string): void;
  /** The id an agent step gives the child run it starts. */
  childRunId(parentRunId: string, step: AgentStep): string;
  /**
   * What a parent waiting for its child does once the child's lease ran out (its worker
   * died, none took the child yet): `wait` for it to be resumed, or `start-another` under
   * a fresh id, once, as a supervisor that replaces a silent sub-agent would (a mutant).
   */
  silentChild: 'wait' | 'start-another';
  /** How spans leave the worker: 'each-before-going-on' exports each as it ends, and the worker waits for that before its next step or retry (tracing.ts). */
  spanExport: 'each-before-going-on' | 'in-batches';
  /** Where a run's trace context is kept across a crash (tracing.ts). */
  runTrace: {
    /** The traceparent the run's first execution stored, if any. */
    storedTrace(db: DatabaseSync, runId: string): string | undefined;
    storeTrace(db: DatabaseSync, runId: string, traceparent: string): void;
  };
}

export const correctParts: WorkerParts = {
  lease: { ms: 300, renewEveryMs: 50 },
  // Fenced in the journal itself, not on the timer: a stalled event loop can outlast
  // the lease before the timer runs again (docs/decisions/0007-reference-fencing.md).
  fence: (lease, runId) => lease.extend(runId),
  idempotencyKey({ runId, step, request }) {
    // The key makes a re-run after a crash a no-op at the outside world.
    if (request === 'approval-request') return `${runId}/${step.id}/request`;
    return step.kind === 'tool' && step.mode === 'write' ? `${runId}/${step.id}` : undefined;
  },
  maxAttempts: Infinity,
  // A refusal is final: the run fails at the step, saying why (decision 0060).
  onRefused: () => undefined,
  deadline(db, runId, stepId, ms) {
    // Written once: a restart resumes the same wait, it does not start a new one.
    db.prepare('INSERT OR IGNORE INTO waits (run_id, step_id, until) VALUES (?, ?, ?)').run(runId, stepId, Date.now() + ms);
    return (db.prepare('SELECT until FROM waits WHERE run_id = ? AND step_id = ?').get(runId, stepId) as { until: number }).until;
  },
  decision(db, { runId, stepId, deadline }) {
    // A decision counts only if it arrived before the deadline; the first one wins.
    const found = db.prepare('SELECT decision FROM inbox WHERE run_id = ? AND step_id = ? AND received_at <= ? ORDER BY seq LIMIT 1').get(runId, stepId, deadline) as { decision: Answer } | undefined;
    if (found) return found.decision;
    return Date.now() > deadline ? 'timed-out' : undefined;
  },
  begin(db, { runId }, stepId) {
    // Started, not done: a crash before the result is recorded runs the step again.
    db.prepare(
      `INSERT INTO steps (run_id, step_id, status, attempts, started_at) VALUES (?, ?, 'started', 1, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET attempts = attempts + 1, started_at = excluded.started_at`,
    ).run(runId, stepId, Date.now());
  },
  record(db, { runId }, stepId, result) {
    db.prepare(`UPDATE steps SET status = 'done', result = ?, finished_at = ? WHERE run_id = ? AND step_id = ?`).run(result, Date.now(), runId, stepId);
  },
  // Derived from the parent's: a parent re-running its agent step finds the same child.
  childRunId,
  // A silent child is a child whose worker died: a worker restarted takes its lease and resumes it.
  silentChild: 'wait',
  spanExport: 'each-before-going-on',
  runTrace: {
    storedTrace: (db, runId) => (db.prepare('SELECT traceparent FROM run_traces WHERE run_id = ?').get(runId) as { traceparent: string } | undefined)?.traceparent,
    // Written once: a worker resuming the run continues the trace the first one began.
    storeTrace(db, runId, traceparent) {
      db.prepare('INSERT OR IGNORE INTO run_traces (run_id, traceparent) VALUES (?, ?)').run(runId, traceparent);
    },
  },
};
