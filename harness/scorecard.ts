import type { CaseResult } from './report/case.js';
import { CATEGORY_TITLES, MAY_BE_NONE, type CategoryScore, type Level, type Scorecard } from './report/scorecard.js';
import { mergeVerdicts } from './checkers/verdict.js';
import type { Category } from './scenario/schema.js';

/** Categories scored from one property over every case, since every run leaves a trail and traces. */
const FROM_PROPERTY: Partial<Record<Category, 'audit-trail' | 'traces'>> = { 'audit-trail': 'audit-trail', observability: 'traces' };

/**
 * A case's verdict for its own category: a failure of its traces alone is scored in
 * Observability, not held against the case's crash recovery (decision 0047).
 */
function verdictForCategory(c: CaseResult): CaseResult['verdict'] {
  if (c.verdict !== 'fail' || !c.properties.some((p) => p.id === 'traces' && p.verdict === 'fail')) return c.verdict;
  return mergeVerdicts(c.properties.filter((p) => p.id !== 'traces').map((p) => p.verdict));
}

/**
 * A category's score is the share of its executed cases that passed. Audit trail and
 * observability are scored from their property over every case.
 */
export function scoreCases(cases: CaseResult[], lacks: { 'read-history'?: string; traces?: string } = {}): Scorecard {
  const categories = (Object.keys(CATEGORY_TITLES) as Category[]).map((id): CategoryScore => {
    const counts = { passed: 0, failed: 0, unknown: 0, skipped: 0 };
    const notes = new Set<string>();
    const property = FROM_PROPERTY[id];
    if (property) {
      for (const c of cases) {
        const p = c.properties.find((x) => x.id === property);
        if (!p) continue;
        counts[p.verdict === 'pass' ? 'passed' : p.verdict === 'fail' ? 'failed' : 'unknown']++;
      }
    }
    for (const c of cases.filter((x) => x.category === id)) {
      if (c.verdict === 'skipped') {
        counts.skipped++;
        if (c.skipReason) notes.add(c.skipReason);
      } else {
        const v = verdictForCategory(c);
        counts[v === 'pass' ? 'passed' : v === 'fail' ? 'failed' : 'unknown']++;
      }
    }
    const ran = counts.passed + counts.failed + counts.unknown;
    const note = ran === 0 ? (notes.size ? [...notes].join('; ') : unexercised(id, lacks)) : undefined;
    return { id, title: CATEGORY_TITLES[id], score: ran ? Math.round((100 * counts.passed) / ran) : null, ...counts, ...(note ? { note } : {}) };
  });
  const scored = categories.filter((c) => c.score !== null);
  const score = scored.length ? Math.round(scored.reduce((a, c) => a + c.score!, 0) / scored.length) : 0;
  return { score, level: levelOf(categories), categories };
}

function unexercised(id: Category, lacks: { 'read-history'?: string; traces?: string }): string {
  if (id === 'audit-trail') return `the adapter cannot read the runtime's history${lacks['read-history'] ? `: ${lacks['read-history']}` : ''}`;
  if (id === 'observability') return lacks.traces ? `no spans checked: ${lacks.traces}` : 'no spans checked: the workers exported none and sent no trace context, or no case had a fault that can break a trace (decision 0065)';
  return 'no case ran';
}

/**
 * L1 needs crash recovery, effect safety and step replay all passing; L2 adds
 * approvals and timers; L3 adds the audit trail, runtime durability, multi-agent,
 * observability and policy. A category no case exercised blocks its level, except those a runtime
 * cannot have at all (MAY_BE_NONE: no server of its own, no agent steps, no
 * OpenTelemetry of its own; decisions 0045, 0047), their reasons shown beside the level.
 */
export function levelOf(categories: CategoryScore[]): Level {
  const ok = (id: Category, allowNone = false) => {
    const c = categories.find((x) => x.id === id)!;
    return c.score === 100 || (allowNone && c.score === null);
  };
  if (!(ok('crash-recovery') && ok('effect-safety') && ok('step-replay'))) return 'L0';
  if (!(ok('approvals') && ok('timers'))) return 'L1';
  // Policy is judged from the ledger alone, so every runtime can have it: never n/a (decision 0059).
  if (!(ok('audit-trail') && ok('policy') && MAY_BE_NONE.every((id) => ok(id, true)))) return 'L2';
  return 'L3';
}
