import { z } from 'zod';
import { CaseResult } from './case.js';
import { Scorecard } from './scorecard.js';
import { Gate } from './gate.js';
import { Shard } from './shard.js';
import { Coverage } from './coverage.js';

/** Bump on any change that could break a script reading the report; additions keep the version. */
export const SCHEMA_VERSION = 1;

/** A case as the report carries it (the same schema as a case's result). */
export const CaseReport = CaseResult;

/**
 * The JSON report, the source of truth every format is rendered from. Reading is
 * tolerant (a field from a newer agentcheck is dropped, so an older one can still
 * render the report); writing is exact (see exact.ts).
 */
export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('agentcheck'), version: z.string() }),
  adapter: z.object({
    name: z.string(),
    runtimeVersion: z.string().optional(),
    /** What the adapter said its runtime cannot do, with the reasons: merge scores shards with them. */
    lacks: z.record(z.string(), z.string()).optional(),
  }),
  seed: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  /** True when the run was interrupted: the cases listed are the ones that finished. */
  interrupted: z.boolean(),
  scorecard: Scorecard,
  gate: Gate,
  /** Set on one shard's report (--shard 2/5); `agentcheck merge` combines the shards into one report without it. */
  shard: Shard.optional(),
  /** Which cells of the coverage model the cases exercised (harness/faults/coverage.ts); absent in reports of agentcheck before 0.2. */
  coverage: Coverage.optional(),
  cases: z.array(CaseResult),
});
export type Report = z.infer<typeof Report>;
