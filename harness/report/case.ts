import { z } from 'zod';
import { PROPERTY_IDS } from '../checkers/verdict.js';

// The property ids are part of the model: reporters list them (the HTML matrix).
export { PROPERTY_IDS };
import { Category } from '../scenario/schema.js';
import { Timeline } from './timeline.js';

// One case's result, as the report carries it. These schemas are the only definition:
// the TypeScript types are inferred from them, so a field cannot be added to one side only.

/** One line a user can act on: which step, which attempts, which fault. */
export const Evidence = z.object({
  message: z.string(),
  step: z.string().optional(),
  attempts: z.array(z.number()).optional(),
  fault: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const PropertyResult = z.object({ id: z.enum(PROPERTY_IDS), verdict: z.enum(['pass', 'fail', 'unknown']), evidence: z.array(Evidence) });
export type PropertyResult = z.infer<typeof PropertyResult>;

export const CaseVerdict = z.enum(['pass', 'fail', 'unknown', 'skipped']);
export type CaseVerdict = z.infer<typeof CaseVerdict>;

/** Measured, not pass/fail: what a crash cost. */
export const CaseMetrics = z.object({
  durationMs: z.number(),
  /** llm calls beyond the first per step: the model was paid twice. */
  reExecutedLlmCalls: z.number(),
  wastedTokens: z.number(),
  /** For each worker restart: ms from the new worker being ready to its first request. */
  recoveryMs: z.array(z.number()),
  /** Requests beyond the first, over all llm and tool steps. */
  retries: z.number(),
  maxRetriesPerEffect: z.number(),
  workerStarts: z.number(),
  /**
   * Of durationMs, the time in the adapter's openCase and close: the runtime's own setup
   * and teardown for the case (a server of its own, say), which the bench counts apart
   * from the harness's overhead. Absent in reports from before it was measured.
   */
  adapterMs: z.number().optional(),
  /**
   * The longest time the harness's event loop could not run during the case, in ms, when
   * one reached 100 ms: its faults, answers and ledger waited that long. A failed case
   * with one of HARNESS_STALL_LIMIT_MS or more is left undecided (decision 0121).
   */
  harnessStallMs: z.number().optional(),
});
export type CaseMetrics = z.infer<typeof CaseMetrics>;

/** How a case came out over its repeated runs (--repeat). */
export const Repeats = z.object({
  runs: z.number().int().positive(),
  verdicts: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int() }),
  /** For each property that did not always pass: in how many runs it failed or was undecided. */
  properties: z.partialRecord(z.enum(PROPERTY_IDS), z.object({ fail: z.number().int(), unknown: z.number().int() })),
  /** In how many runs the record showed something of that shape (CaseResult.observed). */
  observed: z.number().int().optional(),
});
export type Repeats = z.infer<typeof Repeats>;

export const CaseResult = z.object({
  id: z.string(),
  scenario: z.string(),
  category: Category,
  description: z.string(),
  faults: z.array(z.string()),
  verdict: CaseVerdict,
  skipReason: z.string().optional(),
  /** Set when agentcheck itself could not run the case (adapter or infrastructure error). */
  error: z.string().optional(),
  /** Why the case is undecided beyond its properties: a call the world refused (your own agent, docs/your-agent.md). */
  notes: z.array(z.string()).optional(),
  /**
   * How the run met its faults, where the verdict does not say it: "only the first worker
   * acted: the second made no call". Not a verdict: a correct runtime may keep a run on one
   * worker, and a pass then shows that the run resumed once, not how two workers would race.
   */
  observed: z.array(z.string()).optional(),
  properties: z.array(PropertyResult),
  metrics: CaseMetrics.optional(),
  /** Present when the case ran several times (--repeat): how often each verdict came out. */
  repeats: Repeats.optional(),
  repro: z.string(),
  dir: z.string(),
  /** What happened when, for the HTML report's timeline: effects, workers, faults and decisions (decision 0035). */
  timeline: Timeline.optional(),
});
export type CaseResult = z.infer<typeof CaseResult>;
