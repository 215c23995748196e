import { z } from 'zod';
import type { CaseHistory, HistoryEvent } from '../history.js';
import { tookEffect, type LedgerEvent } from '../ledger/events.js';

// A case's timeline travels inside the report so that every format (the HTML one
// above all) renders from the report alone, without the case folders, which a CI
// artifact often leaves out. It is the case's record made small: times in ms from
// the case start, no run ids or tokens (a case of several runs numbers them from 1),
// details cut short (decisions 0035, 0038).

/** Details longer than this are cut: the full text stays in the case's history.jsonl. */
const DETAIL_MAX = 160;

export const TimelineEffect = z.object({
  step: z.string(),
  kind: z.enum(['llm', 'tool', 'approval-request', 'agent-start']),
  /** The ledger's count of requests for this step, from 1. */
  attempt: z.number().int(),
  pid: z.number().int().optional(),
  outcome: z.enum(['applied', 'deduplicated', 'failed', 'response-lost', 'refused']),
  /** Received and finished, in ms from the case start. */
  at: z.number().int(),
  end: z.number().int(),
  write: z.literal(true).optional(),
  /** It carried an idempotency key. */
  keyed: z.literal(true).optional(),
  /** It took effect although an earlier attempt of the same step already had: the failure a reader looks for. */
  repeated: z.literal(true).optional(),
  /** Which run sent it (1, 2...), in a case of several runs. */
  run: z.number().int().positive().optional(),
  /** The span that made it (its traceparent) and whether the case's collector received that span; absent when untraced. */
  span: z.object({ trace: z.string(), id: z.string(), seen: z.boolean() }).optional(),
});
export type TimelineEffect = z.infer<typeof TimelineEffect>;

export const TimelineEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('op'), at: z.number().int(), op: z.enum(['start-run', 'deliver-approval', 'await-result']), phase: z.enum(['invoke', 'ok', 'fail', 'info']), step: z.string().optional(), decision: z.string().optional(), detail: z.string().optional(), run: z.number().int().positive().optional() }),
  z.object({
    type: z.literal('fault'),
    at: z.number().int(),
    fault: z.number().int(),
    /** The fault's kind (absent in reports written before it was recorded). */
    kind: z.string().optional(),
    action: z.string(),
    detail: z.string().optional(),
    /** The moments the seed chose for it (ms), on its `drawn` event. */
    drawn: z.record(z.string(), z.number()).optional(),
  }),
  z.object({ type: z.literal('worker'), at: z.number().int(), event: z.enum(['spawned', 'ready', 'frozen', 'thawed', 'killed', 'exited', 'stopped']), pid: z.number().int(), detail: z.string().optional(), serves: z.literal('children').optional(), signalledAt: z.number().int().optional(), warmMs: z.number().int().optional() }),
]);
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Timeline = z.object({
  /** The case's length in ms: the end of the time axis. */
  endMs: z.number().int(),
  effects: z.array(TimelineEffect),
  events: z.array(TimelineEvent),
});
export type Timeline = z.infer<typeof Timeline>;

const cut = (s: string) => (s.length > DETAIL_MAX ? `${s.slice(0, DETAIL_MAX - 1)}…` : s);

/** The timeline of one case from its history, relative to `startedAt`. */
export function buildTimeline(history: Pick<CaseHistory, 'startedAt' | 'events' | 'effects' | 'runIds' | 'spans'>, endedAt: number): Timeline {
  const received = new Set(history.spans?.map((s) => s.spanId));
  const rel = (t: number) => Math.round(t - history.startedAt);
  const runs = history.runIds ?? [];
  // Numbered only when there are several: a one-run case's timeline stays as it was.
  const runNumber = (id: string | undefined) => (runs.length > 1 && id !== undefined && runs.includes(id) ? { run: runs.indexOf(id) + 1 } : {});
  const tookEffectBefore = new Set<string>();
  const effects = [...history.effects]
    .sort((a, b) => a.seq - b.seq)
    .map((e: LedgerEvent): TimelineEffect => {
      const key = `${e.runId}\u0000${e.stepId}`;
      const repeated = tookEffect(e) && tookEffectBefore.has(key);
      if (tookEffect(e)) tookEffectBefore.add(key);
      return {
        step: e.stepId,
        kind: e.kind,
        attempt: e.attempt,
        ...(e.pid ? { pid: e.pid } : {}),
        outcome: e.outcome,
        at: rel(e.receivedAt),
        end: rel(e.finishedAt),
        ...(e.mode === 'write' ? { write: true as const } : {}),
        ...(e.idempotencyKey ? { keyed: true as const } : {}),
        ...(repeated ? { repeated: true as const } : {}),
        ...runNumber(e.runId),
        ...(e.trace && history.spans ? { span: { trace: e.trace.traceId, id: e.trace.spanId, seen: received.has(e.trace.spanId) } } : {}),
      };
    });
  const events = history.events.map((e: HistoryEvent): TimelineEvent => {
    if (e.type === 'op') {
      const { detail, run, ...rest } = e;
      return { ...rest, at: rel(e.at), ...(detail ? { detail: cut(detail) } : {}), ...runNumber(run) };
    }
    const { detail, ...rest } = e;
    return { ...rest, at: rel(e.at), ...(detail ? { detail: cut(detail) } : {}) } as TimelineEvent;
  });
  return { endMs: rel(endedAt), effects, events };
}
