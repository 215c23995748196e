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
  /** A person's decision, when it reached the agent's app (with several, the first sent). */
  decision?: { decision: 'approve' | 'reject'; deliveredAt: number };
  /** When the person first began sending it: the agent may act on it before the app answers (decision 0059). */
  decisionSent?: { decision: 'approve' | 'reject'; at: number };
  /** A decision delivered twice (a double click): when the second copy was sent and what the app answered. */
  decisionRepeated?: { at: number; status: number | 'no answer' };
  /** Every decision of the scenario's, in the order of their turns, as the run went (decision 0106). */
  decisions?: AgentDecision[];
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

/** One decision of a scenario's: after which model turn, what, and when it was sent and reached the app. */
export interface AgentDecision {
  afterTurn: number;
  /** `none`: the person never answers; the agent's own deadline runs out (decision 0107). */
  decision: 'approve' | 'reject' | 'none';
  sentAt?: number;
  deliveredAt?: number;
  /** The second copy of a double click: when it was sent and what the app answered. */
  repeated?: { at: number; status: number | 'no answer' };
}

/** The decisions of a run: `decisions`, or the one of a history that has only `decision` (it governs every write). */
export function decisionsOf(h: Pick<AgentHistory, 'decisions' | 'decision' | 'decisionSent' | 'decisionRepeated'>): AgentDecision[] {
  if (h.decisions) return h.decisions;
  const d = h.decision ?? (h.decisionSent && { decision: h.decisionSent.decision, deliveredAt: undefined });
  if (!d) return [];
  return [{ afterTurn: 0, decision: d.decision, sentAt: h.decisionSent?.at, deliveredAt: d.deliveredAt, repeated: h.decisionRepeated }];
}

/**
 * The decision a call received at `at` answers to (decision 0106): the latest one at or before
 * its turn — the last model turn whose answer reached the agent (`applied`) before the call,
 * the turn whose tool call it carries out. Undefined before the first decided turn.
 */
export function governingDecision(decisions: readonly AgentDecision[], events: readonly LedgerEvent[], at: number): AgentDecision | undefined {
  const last = events.filter((m) => m.kind === 'llm' && m.outcome === 'applied' && m.receivedAt < at).sort((a, b) => a.receivedAt - b.receivedAt).at(-1);
  const turn = last ? Number(/ turn (\d+)$/.exec(last.stepId)?.[1] ?? 0) : 0;
  return decisions.filter((d) => d.afterTurn <= turn).at(-1);
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
