import { describe, expect, it } from 'vitest';
import { auditTrail } from './audit-trail.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';
import { responseFor } from '../ledger/response.js';

const s = scenario({ plan: { name: 'p', steps: [{ kind: 'tool', id: 'charge', tool: 'pay', mode: 'write' }] } });
const value = responseFor('charge', 'pay');

describe('audit-trail', () => {
  it('passes when the runtime history agrees with the ledger', () => {
    const input = new HistoryBuilder().effect('charge', 'applied', 0).completed({ results: { charge: value } }).history({ steps: [{ stepId: 'charge', status: 'completed', result: value }] }).input(s);
    expect(auditTrail.check(input)?.verdict).toBe('pass');
  });

  it('fails when the history misses a step, or lists one that is not in the plan', () => {
    const r = auditTrail.check(new HistoryBuilder().effect('charge', 'applied', 0).completed({ results: { charge: value } }).history({ steps: [{ stepId: 'ghost', status: 'completed' }] }).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence.map((e) => e.step)).toEqual(['charge', 'ghost']);
  });

  it('fails when the history records a different result than the run returned', () => {
    const r = auditTrail.check(new HistoryBuilder().effect('charge', 'applied', 0).completed({ results: { charge: value } }).history({ steps: [{ stepId: 'charge', status: 'completed', result: 'other' }] }).input(s))!;
    expect(r.verdict).toBe('fail');
  });

  it('is not exercised without a runtime history', () => {
    expect(auditTrail.check(new HistoryBuilder().completed({}).input(s))).toBeUndefined();
  });
});
