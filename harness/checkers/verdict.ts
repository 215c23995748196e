import type { Fault } from '../faults/registry.js';
import type { Oracle } from '../oracle.js';
import type { CaseHistory } from '../history.js';
import type { Scenario } from '../scenario/schema.js';
import type { Evidence, PropertyResult } from '../report/case.js';

// Evidence and PropertyResult are defined once, in the report model, which carries them.
export type { Evidence, PropertyResult };

export type Verdict = 'pass' | 'fail' | 'unknown';

export const PROPERTY_IDS = [
  'completes',
  'correct-output',
  'effects-exactly-once',
  'no-phantom-effects',
  'approval-integrity',
  'step-isolation',
  'ordering',
  'durable-timers',
  'audit-trail',
  'agent-calls',
  'traces',
  'policy',
  // Judged on the world an unmodified agent called (agentcheck run with agentcheck.config.ts, docs/your-agent.md).
  'model-calls-once',
  'identity',
] as const;
export type PropertyId = (typeof PROPERTY_IDS)[number];

export interface CheckInput {
  scenario: Scenario;
  oracle: Oracle;
  history: CaseHistory;
  faults: Fault[];
}

/**
 * A checker decides one property. It returns undefined when the case does not
 * exercise the property (no write step, no approval...), so it is not counted.
 */
export interface Checker {
  id: PropertyId;
  check(input: CheckInput): Omit<PropertyResult, 'id'> | undefined;
}

const rank: Record<Verdict, number> = { pass: 0, unknown: 1, fail: 2 };

/** fail outranks unknown outranks pass. */
export function mergeVerdicts(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((acc, v) => (rank[v] > rank[acc] ? v : acc), 'pass');
}

export const pass = (message?: string): Omit<PropertyResult, 'id'> => ({ verdict: 'pass', evidence: message ? [{ message }] : [] });
export const unknown = (message: string): Omit<PropertyResult, 'id'> => ({ verdict: 'unknown', evidence: [{ message }] });
export const failWith = (evidence: Evidence[]): Omit<PropertyResult, 'id'> => ({ verdict: 'fail', evidence });
