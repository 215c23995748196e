import { z } from 'zod';
import { Category } from '../scenario/schema.js';

// The scorecard as the report carries it, with the titles readers print for it.

export const Level = z.enum(['L0', 'L1', 'L2', 'L3']);
export type Level = z.infer<typeof Level>;

export const CategoryScore = z.object({
  id: Category,
  title: z.string(),
  /** 0-100, or null when no case exercised the category. */
  score: z.number().nullable(),
  passed: z.number(),
  failed: z.number(),
  unknown: z.number(),
  skipped: z.number(),
  note: z.string().optional(),
});
export type CategoryScore = z.infer<typeof CategoryScore>;

export const Scorecard = z.object({ score: z.number().min(0).max(100), level: Level, categories: z.array(CategoryScore) });
export type Scorecard = z.infer<typeof Scorecard>;

export const CATEGORY_TITLES: Record<Category, string> = {
  'crash-recovery': 'Crash recovery',
  'effect-safety': 'Effect safety',
  'step-replay': 'Step replay',
  approvals: 'Human-in-the-loop',
  timers: 'Durable timers',
  'runtime-durability': 'Runtime durability',
  'audit-trail': 'Audit trail',
};

export const LEVEL_TITLES: Record<Level, string> = {
  L0: 'demo: loses or repeats work on a crash',
  L1: 'crash-safe',
  L2: 'human-in-the-loop ready',
  L3: 'production ready',
};
