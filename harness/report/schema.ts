import { z } from 'zod';
import { PROPERTY_IDS } from '../checkers/verdict.js';
import { Category } from '../scenario/schema.js';
import { Gate } from './gate.js';
import { Shard } from './shard.js';
import { Timeline } from './timeline.js';

/** Bump on any change that could break a script reading the report; additions keep the version. */
export const SCHEMA_VERSION = 1;

const Evidence = z.object({
  message: z.string(),
  step: z.string().optional(),
  attempts: z.array(z.number()).optional(),
  fault: z.string().optional(),
});

export const CaseReport = z.object({
  id: z.string(),
  scenario: z.string(),
  category: Category,
  description: z.string(),
  faults: z.array(z.string()),
  verdict: z.enum(['pass', 'fail', 'unknown', 'skipped']),
  skipReason: z.string().optional(),
  error: z.string().optional(),
  properties: z.array(z.object({ id: z.enum(PROPERTY_IDS), verdict: z.enum(['pass', 'fail', 'unknown']), evidence: z.array(Evidence) })),
  metrics: z
    .object({
      durationMs: z.number(),
      reExecutedLlmCalls: z.number(),
      wastedTokens: z.number(),
      recoveryMs: z.array(z.number()),
      retries: z.number(),
      maxRetriesPerEffect: z.number(),
      workerStarts: z.number(),
    })
    .optional(),
  /** Present when the case ran several times (--repeat): how often each verdict came out. */
  repeats: z
    .object({
      runs: z.number().int().positive(),
      verdicts: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int() }),
      properties: z.partialRecord(z.enum(PROPERTY_IDS), z.object({ fail: z.number().int(), unknown: z.number().int() })),
    })
    .optional(),
  repro: z.string(),
  dir: z.string(),
  /** What happened when, for the HTML report's timeline: effects, workers, faults and decisions (decision 0035). */
  timeline: Timeline.optional(),
});

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('agentcheck'), version: z.string() }),
  adapter: z.object({ name: z.string(), runtimeVersion: z.string().optional() }),
  seed: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  /** True when the run was interrupted: the cases listed are the ones that finished. */
  interrupted: z.boolean(),
  scorecard: z.object({
    score: z.number().min(0).max(100),
    level: z.enum(['L0', 'L1', 'L2', 'L3']),
    categories: z.array(
      z.object({
        id: Category,
        title: z.string(),
        score: z.number().nullable(),
        passed: z.number(),
        failed: z.number(),
        unknown: z.number(),
        skipped: z.number(),
        note: z.string().optional(),
      }),
    ),
  }),
  gate: Gate,
  /** Set on one shard's report (--shard 2/5); `agentcheck merge` combines the shards into one report without it. */
  shard: Shard.optional(),
  cases: z.array(CaseReport),
});
export type Report = z.infer<typeof Report>;
