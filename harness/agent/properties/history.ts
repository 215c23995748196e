import type { LedgerEvent } from '../../ledger/events.js';
import type { Evidence } from '../../report/case.js';
import type { PropertyId } from '../../checkers/verdict.js';
import type { Policy } from '../../policy/schema.js';
import type { RuntimeRecord } from '../runtime.js';

/** What one run of an unmodified agent left: the world's record and what the harness did. */
export interface AgentHistory {
  events: readonly LedgerEvent[];
  /** The model script's length: the turn whose answer ends the run. */
  finalTurn: number;
  /** A person's decision, when it reached the agent's app. */
  decision?: { decision: 'approve' | 'reject'; deliveredAt: number };
  /** When the person first began sending it: the agent may act on it before the app answers (decision 0059). */
  decisionSent?: { decision: 'approve' | 'reject'; at: number };
  /** A decision delivered twice (a double click): when the second copy was sent and what the app answered. */
  decisionRepeated?: { at: number; status: number | 'no answer' };
  /** The company's rules for the agent (agentcheck.config.ts `policies`). */
  policies?: readonly Policy[];
  /** Faults as they fired, in order. */
  faults: { text: string; at: number }[];
  /**
   * When each crash's SIGKILL had taken the worker down. Every call after it is the
   * restarted worker's; its ready signal is no mark, since an agent may resume its
   * runs, and call out, before its ready URL answers.
   */
  killedAt: number[];
  /** When the case began, and each worker's start and kill: the report's timeline (harness/agent/timeline.ts). */
  startedAt?: number;
  workers?: { event: 'spawned' | 'killed'; pid: number; at: number }[];
  /**
   * The runtime's own record of the run, when the config names its runtime (audit-trail, decision 0105),
   * or why it could not be read.
   */
  runtimeRecord?: RuntimeRecord | { unreadable: string };
  /** When restart-runtime's SIGKILL had taken the runtime's server down, and when it served again: the timeline. */
  runtimeServer?: { event: 'crash-runtime' | 'runtime-restarted'; at: number; fault: string }[];
}

export type AgentPropertyId = Extract<PropertyId, 'completes' | 'effects-exactly-once' | 'model-calls-once' | 'approval-integrity' | 'identity' | 'policy' | 'audit-trail'>;
export type AgentVerdict = 'pass' | 'fail' | 'unknown';
export interface AgentPropertyResult {
  id: AgentPropertyId;
  verdict: AgentVerdict;
  evidence: Evidence[];
}

/** One property judged on the recorded world; undefined when the run did not exercise it. */
export interface AgentProperty {
  id: AgentPropertyId;
  check(history: AgentHistory): Omit<AgentPropertyResult, 'id'> | undefined;
}

export const describeCall = (e: LedgerEvent) =>
  `${e.call?.label ?? e.stepId}${e.call?.nth ? ` #${e.call.nth}` : ''} (${e.outcome}${e.hung ? `, ${describeHang(e.hung)}` : ''}${e.keyInUseBy !== undefined ? `, ${describeKeyInUse(e.keyInUseBy)}` : ''})`;

/** A call refused because its idempotency key was held by a request still in progress (decision 0103). */
export const describeKeyInUse = (by: number) => `key in use by #${by}, still in progress`;

/** A call the world held unanswered (a `hang` fault): for how long, and what ended it. */
export const describeHang = (h: NonNullable<LedgerEvent['hung']>) => `held unanswered ${(h.heldMs / 1000).toFixed(1)} s until ${h.until === 'caller-gave-up' ? 'the caller gave up' : 'the case ended'}`;
