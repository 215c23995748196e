import type { CaseResult } from './case/run-case.js';
import type { Category } from './scenario/schema.js';

export type Level = 'L0' | 'L1' | 'L2' | 'L3';

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

/** What each level lacks to reach the next: the categories it needs at 100%. */
const NEEDED_FOR_NEXT: Record<Exclude<Level, 'L3'>, Category[]> = {
  L0: ['crash-recovery', 'effect-safety', 'step-replay'],
  L1: ['approvals', 'timers'],
  L2: ['audit-trail', 'runtime-durability'],
};

/**
 * The level's title, stating only what the cases showed: "loses or repeats work on a
 * crash" only when a crash-recovery case failed; otherwise which categories fail and
 * which no case exercised (docs/decisions/0034-level-text-states-what-ran.md).
 */
export function levelTitle(card: Pick<Scorecard, 'level' | 'categories'>): string {
  if (card.level === 'L3') return LEVEL_TITLES.L3;
  const blocking = NEEDED_FOR_NEXT[card.level]
    .map((id) => card.categories.find((c) => c.id === id)!)
    .filter((c) => c.score !== 100 && !(c.id === 'runtime-durability' && c.score === null));
  const failing = blocking.filter((c) => c.score !== null);
  const unexercised = blocking.filter((c) => c.score === null);
  if (card.level === 'L0' && failing.some((c) => c.id === 'crash-recovery')) return LEVEL_TITLES.L0;
  const titles = (list: CategoryScore[]) => list.map((c) => c.title).join(', ');
  const why = [failing.length ? `${titles(failing)} failing` : '', unexercised.length ? `${titles(unexercised)} not exercised` : ''].filter(Boolean).join('; ');
  return `${card.level === 'L0' ? 'not shown crash-safe' : LEVEL_TITLES[card.level]} (${why})`;
}

export interface CategoryScore {
  id: Category;
  title: string;
  /** 0-100, or null when no case exercised the category. */
  score: number | null;
  passed: number;
  failed: number;
  unknown: number;
  skipped: number;
  note?: string;
}

export interface Scorecard {
  score: number;
  level: Level;
  categories: CategoryScore[];
}

/**
 * A category's score is the share of its executed cases that passed. Audit trail is
 * scored from the audit-trail property over every case, since every run leaves a trail.
 */
export function scoreCases(cases: CaseResult[]): Scorecard {
  const categories = (Object.keys(CATEGORY_TITLES) as Category[]).map((id): CategoryScore => {
    const counts = { passed: 0, failed: 0, unknown: 0, skipped: 0 };
    const notes = new Set<string>();
    if (id === 'audit-trail') {
      for (const c of cases) {
        const p = c.properties.find((x) => x.id === 'audit-trail');
        if (!p) continue;
        counts[p.verdict === 'pass' ? 'passed' : p.verdict === 'fail' ? 'failed' : 'unknown']++;
      }
    }
    for (const c of cases.filter((x) => x.category === id)) {
      if (c.verdict === 'skipped') {
        counts.skipped++;
        if (c.skipReason) notes.add(c.skipReason);
      } else counts[c.verdict === 'pass' ? 'passed' : c.verdict === 'fail' ? 'failed' : 'unknown']++;
    }
    const ran = counts.passed + counts.failed + counts.unknown;
    const note = ran === 0 ? (notes.size ? [...notes].join('; ') : id === 'audit-trail' ? 'the adapter cannot read the runtime\'s history' : 'no case ran') : undefined;
    return { id, title: CATEGORY_TITLES[id], score: ran ? Math.round((100 * counts.passed) / ran) : null, ...counts, ...(note ? { note } : {}) };
  });
  const scored = categories.filter((c) => c.score !== null);
  const score = scored.length ? Math.round(scored.reduce((a, c) => a + c.score!, 0) / scored.length) : 0;
  return { score, level: levelOf(categories), categories };
}

/**
 * L1 needs crash recovery, effect safety and step replay all passing; L2 adds
 * approvals and timers; L3 adds the audit trail and runtime durability. A category
 * no case exercised blocks its level, except runtime durability for a runtime that
 * has no server of its own (all its cases skipped with that reason).
 */
export function levelOf(categories: CategoryScore[]): Level {
  const ok = (id: Category, allowNone = false) => {
    const c = categories.find((x) => x.id === id)!;
    return c.score === 100 || (allowNone && c.score === null);
  };
  if (!(ok('crash-recovery') && ok('effect-safety') && ok('step-replay'))) return 'L0';
  if (!(ok('approvals') && ok('timers'))) return 'L1';
  if (!(ok('audit-trail') && ok('runtime-durability', true))) return 'L2';
  return 'L3';
}
