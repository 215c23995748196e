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

  it('judges a run a policy stopped once it failed there: the refused step must not show as completed', () => {
    const stopped = scenario({
      plan: { name: 'p', steps: [{ kind: 'tool', id: 'charge', tool: 'pay', mode: 'write' }, { kind: 'tool', id: 'drop', tool: 'db.drop', mode: 'write' }] },
      policies: [{ rule: 'forbidden-tool', tool: 'db.drop', enforce: true }],
    });
    const run = () => new HistoryBuilder().effect('charge', 'applied', 0).effect('drop', 'refused', 10, { tool: 'db.drop', reason: 'policy …' }).failed('drop: HTTP 403');
    const good = run().history({ steps: [{ stepId: 'charge', status: 'completed', result: value }, { stepId: 'drop', status: 'failed' }] }).input(stopped);
    expect(auditTrail.check(good)?.verdict).toBe('pass');
    const bad = run().history({ steps: [{ stepId: 'charge', status: 'completed', result: value }, { stepId: 'drop', status: 'completed' }] }).input(stopped);
    expect(auditTrail.check(bad)).toMatchObject({ verdict: 'fail', evidence: [{ step: 'drop', message: 'the history shows drop completed, though a policy refused it' }] });
    expect(auditTrail.check(run().history({ steps: [] }).input(s))?.verdict).toBe('unknown');
  });

  it('is not exercised without a runtime history', () => {
    expect(auditTrail.check(new HistoryBuilder().completed({}).input(s))).toBeUndefined();
  });
});
