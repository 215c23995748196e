import { describe, expect, it } from 'vitest';
import { agentCalls } from './agent-calls.js';
import { auditTrail } from './audit-trail.js';
import { effectsExactlyOnce } from './effects-exactly-once.js';
import { HistoryBuilder, RUN, scenario } from './fixtures.test-helpers.js';
import { responseFor } from '../ledger/response.js';
import { agentResult } from '../plan/execute.js';

const s = scenario({
  plan: {
    name: 'support',
    steps: [
      { kind: 'llm', id: 'triage' },
      { kind: 'agent', id: 'ask-billing', agent: 'billing', plan: { steps: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }] } },
    ],
  },
});
const child = `${RUN}/ask-billing`;
const childOutput = agentResult({ results: { refund: responseFor('refund', 'payments.refund') }, decisions: {} });
const output = { results: { triage: responseFor('triage'), 'ask-billing': childOutput } };
const oneChild = () =>
  new HistoryBuilder()
    .effect('triage', 'applied', 0, { kind: 'llm' })
    .effect('ask-billing', 'applied', 10, { kind: 'agent-start', childRun: child, key: `${child}/start` })
    .effect('refund', 'applied', 20, { childRun: child, key: `${child}/refund` });

describe('agent-calls', () => {
  it('passes when the agent step started one child and the parent got its output', () => {
    expect(agentCalls.check(oneChild().completed(output).input(s))?.verdict).toBe('pass');
  });

  it('passes when a replayed start of the same child is deduplicated', () => {
    const input = oneChild().effect('ask-billing', 'deduplicated', 400, { kind: 'agent-start', childRun: child, key: `${child}/start`, pid: 200 }).completed(output).input(s);
    expect(agentCalls.check(input)?.verdict).toBe('pass');
  });

  it('fails with both starts as evidence when a replay started a second child', () => {
    const second = `${RUN}/ask-billing/5f2a`;
    const input = oneChild()
      .effect('ask-billing', 'applied', 400, { kind: 'agent-start', childRun: second, pid: 200 })
      .effect('refund', 'applied', 420, { childRun: second, key: `${second}/refund`, pid: 200 })
      .completed(output)
      .input(s);
    const r = agentCalls.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].attempts).toEqual([1, 2]);
    expect(r.evidence[0].message).toContain(child);
    expect(r.evidence[0].message).toContain(second);
    // The second child's refund carried its own key: the charge repeated too.
    expect(effectsExactlyOnce.check(input)?.verdict).toBe('fail');
  });

  it('fails when the parent received something other than its child\'s output', () => {
    const r = agentCalls.check(oneChild().completed({ results: { ...output.results, 'ask-billing': '{}' } }).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toContain('the parent received "{}"');
  });

  it('fails when the child\'s calls came from a run that never started as its child', () => {
    const input = oneChild().effect('refund', 'applied', 30, { childRun: 'somebody-else' }).completed(output).input(s);
    expect(agentCalls.check(input)?.verdict).toBe('fail');
  });

  it('fails when the run completed without starting its child, and is undecided when it did not complete', () => {
    const none = () => new HistoryBuilder().effect('triage', 'applied', 0, { kind: 'llm' });
    expect(agentCalls.check(none().completed(output).input(s))?.verdict).toBe('fail');
    expect(agentCalls.check(none().failed('crashed').input(s))?.verdict).toBe('unknown');
  });

  it('is not exercised by a plan without agent steps', () => {
    const plain = scenario({ plan: { name: 'p', steps: [{ kind: 'llm', id: 'a' }] } });
    expect(agentCalls.check(new HistoryBuilder().completed({}).input(plain))).toBeUndefined();
  });
});

describe('audit-trail with agent steps', () => {
  const entries = (link?: string) => [
    { stepId: 'triage', status: 'completed' as const, result: output.results.triage },
    { stepId: 'ask-billing', status: 'completed' as const, result: childOutput, ...(link ? { childRun: link } : {}) },
    { stepId: 'refund', status: 'completed' as const, result: responseFor('refund', 'payments.refund') },
  ];

  it('passes when the parent\'s record links to the child the ledger saw start, and lists its steps', () => {
    expect(auditTrail.check(oneChild().completed(output).history({ steps: entries(child) }).input(s))?.verdict).toBe('pass');
  });

  it('fails when the link is missing or names another child, or the child\'s steps are not listed', () => {
    expect(auditTrail.check(oneChild().completed(output).history({ steps: entries() }).input(s))?.verdict).toBe('fail');
    expect(auditTrail.check(oneChild().completed(output).history({ steps: entries('other') }).input(s))?.verdict).toBe('fail');
    const r = auditTrail.check(oneChild().completed(output).history({ steps: entries(child).slice(0, 2) }).input(s))!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence.map((e) => e.step)).toEqual(['refund']);
  });
});

describe('audit-trail with nested agents', () => {
  it('compares a grandchild\'s agent step with the result inside its parent\'s output', () => {
    const nested = scenario({
      plan: { name: 'n', steps: [{ kind: 'agent', id: 'outer', agent: 'a', plan: { steps: [{ kind: 'agent', id: 'inner', agent: 'b', plan: { steps: [{ kind: 'llm', id: 'think' }] } }] } }] },
    });
    const inner = agentResult({ results: { think: responseFor('think') }, decisions: {} });
    const outer = agentResult({ results: { inner }, decisions: {} });
    const build = (innerResult: string) =>
      new HistoryBuilder()
        .effect('outer', 'applied', 0, { kind: 'agent-start', childRun: 'c1' })
        .effect('inner', 'applied', 5, { kind: 'agent-start', childRun: 'c2' })
        .effect('think', 'applied', 10, { kind: 'llm', childRun: 'c2' })
        .completed({ results: { outer } })
        .history({
          steps: [
            { stepId: 'outer', status: 'completed', result: outer, childRun: 'c1' },
            { stepId: 'inner', status: 'completed', result: innerResult, childRun: 'c2' },
            { stepId: 'think', status: 'completed', result: responseFor('think') },
          ],
        })
        .input(nested);
    expect(auditTrail.check(build(inner))?.verdict).toBe('pass');
    expect(auditTrail.check(build('{}'))?.verdict).toBe('fail');
  });
});
