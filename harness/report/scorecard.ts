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
  'multi-agent': 'Multi-agent',
  observability: 'Observability',
  policy: 'Policy',
};

export const LEVEL_TITLES: Record<Level, string> = {
  L0: 'demo: loses or repeats work on a crash',
  L1: 'crash-safe',
  L2: 'human-in-the-loop ready',
  L3: 'production ready',
};

/**
 * Categories a runtime may leave unexercised and still reach L3, because it cannot have
 * them at all: no server of its own, no agent steps, no OpenTelemetry of its own
 * (decisions 0045, 0047). Their cases are skipped (or judged n/a) with the reason.
 */
export const MAY_BE_NONE: readonly Category[] = ['runtime-durability', 'multi-agent', 'observability'];

/** What each level lacks to reach the next: the categories it needs at 100%. */
const NEEDED_FOR_NEXT: Record<Exclude<Level, 'L3'>, Category[]> = {
  L0: ['crash-recovery', 'effect-safety', 'step-replay'],
  L1: ['approvals', 'timers'],
  L2: ['audit-trail', 'runtime-durability', 'multi-agent', 'observability', 'policy'],
};

/**
 * The level's title, stating only what the cases showed: "loses or repeats work on a
 * crash" only when a crash-recovery case failed; otherwise which categories fail and
 * which no case exercised (docs/decisions/0034-level-text-states-what-ran.md).
 */
export function levelTitle(card: Pick<Scorecard, 'level' | 'categories'>): string {
  if (card.level === 'L3') {
    // Reached without agent steps (the adapter cannot run them yet): say so (decision 0045).
    const agents = card.categories.find((c) => c.id === 'multi-agent');
    return agents && agents.score === null && agents.skipped > 0 ? `${LEVEL_TITLES.L3} (Multi-agent not exercised)` : LEVEL_TITLES.L3;
  }
  // A category a report does not list (one written by an older agentcheck) was not exercised.
  const blocking = NEEDED_FOR_NEXT[card.level]
    .map((id) => card.categories.find((c) => c.id === id) ?? { id, title: CATEGORY_TITLES[id], score: null, passed: 0, failed: 0, unknown: 0, skipped: 0 })
    .filter((c) => c.score !== 100 && !(MAY_BE_NONE.includes(c.id) && c.score === null));
  const failing = blocking.filter((c) => c.score !== null);
  const unexercised = blocking.filter((c) => c.score === null);
  if (card.level === 'L0' && failing.some((c) => c.id === 'crash-recovery')) return LEVEL_TITLES.L0;
  const titles = (list: CategoryScore[]) => list.map((c) => c.title).join(', ');
  const why = [failing.length ? `${titles(failing)} failing` : '', unexercised.length ? `${titles(unexercised)} not exercised` : ''].filter(Boolean).join('; ');
  return `${card.level === 'L0' ? 'not shown crash-safe' : LEVEL_TITLES[card.level]} (${why})`;
}
