import { computeOracle } from '../../oracle.js';
import type { Step, ToolStep } from '../../plan/schema.js';
import { allSteps } from '../../plan/walk.js';
import type { Policy } from '../../policy/schema.js';
import type { Scenario } from '../../scenario/schema.js';

/**
 * The rules a correct runtime keeps in a generated case (`explore --policies`), derived
 * from its plan and humans, with no random draw of their own (so a seed and path
 * generate the same plan and faults with or without them):
 * - a call budget per write tool of as many calls as the path has write steps of it
 *   (a repeat its key deduplicates is free);
 * - needs-approval for a write tool found only in the approved branch of an approval
 *   the human approves.
 * No token budget: how many model calls a fault may fairly cut off and re-run depends on
 * where it lands, and a budget guessed too small is a false alarm (decision 0059).
 */
export function policiesFor(scenario: Omit<Scenario, 'id'>): Policy[] {
  const s = { ...scenario, id: 'generated' } as Scenario;
  const oracle = computeOracle(s);
  const steps = allSteps(s.plan);
  const writes = steps.filter((x): x is ToolStep => x.kind === 'tool' && x.mode === 'write');
  const budgets = new Map<string, number>();
  for (const w of writes) if (oracle.taken.has(w.id)) budgets.set(w.tool, (budgets.get(w.tool) ?? 0) + 1);
  const out: Policy[] = [...budgets].map(([tool, calls]) => ({ rule: 'call-budget', tool, calls, enforce: false }));
  for (const a of steps) {
    if (a.kind !== 'approval' || oracle.decisions[a.id] !== 'approved') continue;
    const inside = new Set(allSteps({ steps: a.approved }).map((x: Step) => x.id));
    for (const tool of new Set(writes.filter((w) => inside.has(w.id)).map((w) => w.tool))) {
      if (steps.some((x) => x.kind === 'tool' && x.tool === tool && !inside.has(x.id))) continue;
      out.push({ rule: 'needs-approval', tool, approval: a.id, enforce: false });
    }
  }
  return out;
}
