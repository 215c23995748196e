import type { CaseResult } from './report/case.js';
import { CATEGORY_TITLES, type CategoryScore, type Level, type Scorecard } from './report/scorecard.js';
import type { Category } from './scenario/schema.js';

/**
 * A category's score is the share of its executed cases that passed. Audit trail is
 * scored from the audit-trail property over every case, since every run leaves a trail.
 */
export function scoreCases(cases: CaseResult[], lacks: { 'read-history'?: string } = {}): Scorecard {
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
    const note = ran === 0 ? (notes.size ? [...notes].join('; ') : id === 'audit-trail' ? `the adapter cannot read the runtime's history${lacks['read-history'] ? `: ${lacks['read-history']}` : ''}` : 'no case ran') : undefined;
    return { id, title: CATEGORY_TITLES[id], score: ran ? Math.round((100 * counts.passed) / ran) : null, ...counts, ...(note ? { note } : {}) };
  });
  const scored = categories.filter((c) => c.score !== null);
  const score = scored.length ? Math.round(scored.reduce((a, c) => a + c.score!, 0) / scored.length) : 0;
  return { score, level: levelOf(categories), categories };
}

/**
 * L1 needs crash recovery, effect safety and step replay all passing; L2 adds
 * approvals and timers; L3 adds the audit trail, runtime durability and multi-agent.
 * A category no case exercised blocks its level, except runtime durability for a
 * runtime that has no server of its own and multi-agent for one whose adapter cannot
 * run agent steps (all their cases skipped with the reason, shown beside the level).
 */
export function levelOf(categories: CategoryScore[]): Level {
  const ok = (id: Category, allowNone = false) => {
    const c = categories.find((x) => x.id === id)!;
    return c.score === 100 || (allowNone && c.score === null);
  };
  if (!(ok('crash-recovery') && ok('effect-safety') && ok('step-replay'))) return 'L0';
  if (!(ok('approvals') && ok('timers'))) return 'L1';
  if (!(ok('audit-trail') && ok('runtime-durability', true) && ok('multi-agent', true))) return 'L2';
  return 'L3';
}
