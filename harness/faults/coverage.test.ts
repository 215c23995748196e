import { describe, expect, it } from 'vitest';
import { Scenario, type ScenarioInput } from '../scenario/schema.js';
import { coverageLines, coverageCount, uncovered } from '../report/coverage.js';
import { cellIds, cellsOf, coverageModel, POLICY_RULES, tally } from './coverage.js';
import { FAULT_KINDS } from './registry.js';

const scenario = (s: Omit<ScenarioInput, 'category' | 'description'>) => Scenario.parse({ category: 'crash-recovery', description: 'd', ...s });
const cells = (s: Omit<ScenarioInput, 'category' | 'description'>) => cellsOf(scenario(s));

describe('the cells a scenario exercises', () => {
  it('name each step by kind and position on the path taken', () => {
    const got = cells({
      plan: {
        name: 'p',
        steps: [
          { kind: 'llm', id: 'draft' },
          { kind: 'sleep', id: 'pause', ms: 10 },
          { kind: 'tool', id: 'charge', tool: 'pay', mode: 'write' },
          { kind: 'approval', id: 'ok', timeoutMs: 100, approved: [{ kind: 'tool', id: 'ship', tool: 'ship', mode: 'write' }], rejected: [{ kind: 'llm', id: 'sorry' }] },
          { kind: 'parallel', id: 'par', branches: [[{ kind: 'tool', id: 'a', tool: 'a', mode: 'read' }], [{ kind: 'llm', id: 'b' }]] },
        ],
      },
      decisions: { ok: 'approve' },
    });
    expect(got).toEqual(
      expect.arrayContaining(['steps/llm/first-of-run', 'steps/tool-write/after-sleep', 'steps/tool-write/first-of-branch', 'steps/tool-write/after-approval', 'steps/tool-read/in-parallel', 'steps/llm/in-parallel', 'decisions/human/approve']),
    );
    // The rejected branch is not taken, and the parallel group follows the approval, not its branch.
    expect(got).not.toContain('decisions/human/reject');
    expect(got.filter((c) => c.startsWith('steps/llm/'))).toEqual(['steps/llm/first-of-branch', 'steps/llm/first-of-run', 'steps/llm/in-parallel']);
    expect(got.some((c) => c.startsWith('faults/') || c.startsWith('struck/') || c.startsWith('pending/'))).toBe(false);
  });

  it('place a crash after a rejection, and a lost answer inside a parallel group', () => {
    const got = cells({
      plan: {
        name: 'p',
        steps: [
          { kind: 'approval', id: 'ok', timeoutMs: 100, rejected: [{ kind: 'tool', id: 'refund', tool: 'refund', mode: 'write' }] },
          { kind: 'parallel', id: 'par', branches: [[{ kind: 'tool', id: 'a', tool: 'a', mode: 'write' }], [{ kind: 'llm', id: 'b' }]] },
        ],
      },
      decisions: { ok: 'reject' },
      faults: [
        { kind: 'crash-worker', step: 'refund', at: 'after-effect' },
        { kind: 'response-lost', step: 'a' },
      ],
    });
    expect(got).toEqual(
      expect.arrayContaining(['faults/crash-worker/after-effect', 'struck/process/after-reject', 'struck/process/first-of-branch', 'faults/response-lost/effect', 'struck/effect/in-parallel', 'struck/effect/first-of-branch', 'decisions/human/reject']),
    );
    expect(got).not.toContain('struck/process/after-approve');
  });

  it('count as "after a rejection" any step the run reaches after one, and nothing beside it in a parallel group', () => {
    const struck = (step: string) =>
      cells({
        plan: {
          name: 'p',
          steps: [
            { kind: 'parallel', id: 'par', branches: [[{ kind: 'approval', id: 'ok', timeoutMs: 100, rejected: [{ kind: 'llm', id: 'sorry' }, { kind: 'tool', id: 'mail', tool: 'mail', mode: 'write' }] }], [{ kind: 'llm', id: 'beside' }]] },
            { kind: 'tool', id: 'close', tool: 'close', mode: 'write' },
          ],
        },
        decisions: { ok: 'reject' },
        faults: [{ kind: 'crash-worker', step, at: 'before-effect' }],
      }).filter((c) => c.startsWith('struck/'));
    expect(struck('mail')).toEqual(['struck/process/after-reject', 'struck/process/in-parallel']);
    expect(struck('close')).toEqual(['struck/process/after-reject']);
    expect(struck('beside')).toEqual(['struck/process/first-of-branch', 'struck/process/in-parallel']);
  });

  it('count a late approval as a timeout, and what its package declares', () => {
    const got = cells({
      plan: { name: 'p', steps: [{ kind: 'approval', id: 'ok', timeoutMs: 100, onTimeout: 'approve', approved: [{ kind: 'llm', id: 'go' }] }] },
      decisions: { ok: 'approve' },
      faults: [{ kind: 'approve-late', step: 'ok' }, { kind: 'duplicate-start' }],
    });
    expect(got).toEqual(['decisions/human/timeout', 'faults/approve-late/after-timeout', 'faults/duplicate-start/at-once', 'steps/approval/first-of-run', 'steps/llm/after-approval', 'steps/llm/first-of-branch']);
  });

  it('tell approvals waiting at once from approvals one after another', () => {
    const both = (steps: ScenarioInput['plan']['steps']) => cells({ plan: { name: 'p', steps }, decisions: { x: 'approve', y: 'approve' } }).filter((c) => c.startsWith('pending/'));
    const x = { kind: 'approval', id: 'x', timeoutMs: 100 } as const;
    const y = { kind: 'approval', id: 'y', timeoutMs: 100 } as const;
    expect(both([{ kind: 'parallel', id: 'par', branches: [[x], [y]] }])).toEqual(['pending/approvals/two-at-once']);
    expect(both([x, y])).toEqual(['pending/approvals/two-in-a-row']);
    expect(both([{ ...x, approved: [y] }])).toEqual(['pending/approvals/two-in-a-row']);
    expect(both([{ kind: 'parallel', id: 'par', branches: [[x, y], [{ kind: 'llm', id: 'z' }]] }])).toEqual(['pending/approvals/two-in-a-row']);
  });

  it('leave out a fault whose step the run never reaches', () => {
    const got = cells({
      plan: { name: 'p', steps: [{ kind: 'approval', id: 'ok', timeoutMs: 100, rejected: [{ kind: 'llm', id: 'no' }], approved: [{ kind: 'llm', id: 'yes' }] }] },
      decisions: { ok: 'approve' },
      faults: [{ kind: 'crash-worker', step: 'no', at: 'before-effect' }],
    });
    expect(got.some((c) => c.startsWith('faults/') || c.startsWith('struck/'))).toBe(false);
  });

  it('are all cells of the model', () => {
    const all = new Set(cellIds(coverageModel()));
    const got = cells({
      plan: { name: 'p', steps: [{ kind: 'tool', id: 't', tool: 't', mode: 'write' }, { kind: 'sleep', id: 's', ms: 10 }, { kind: 'llm', id: 'l' }] },
      faults: [{ kind: 'second-worker', step: 't', at: 'during-effect', pauseFirstMs: 100, overlapMs: 500 }, { kind: 'tool-fails', step: 'l', how: 'timeout' }],
    });
    expect(got).toContain('faults/second-worker/paused-first');
    for (const c of got) expect(all.has(c), c).toBe(true);
  });
});

describe('agent steps', () => {
  it('have a row only where agent steps run, and a child\'s start is placed like any step', () => {
    expect(cellIds(coverageModel()).some((c) => c.startsWith('steps/agent/'))).toBe(false);
    const all = new Set(cellIds(coverageModel({ agents: true })));
    const got = cells({ plan: { name: 'p', steps: [{ kind: 'agent', id: 'ask-billing', agent: 'billing', plan: { steps: [{ kind: 'tool', id: 'refund', tool: 'pay.refund', mode: 'write' }] } }, { kind: 'llm', id: 'l' }] }, faults: [] });
    // The child's refund runs in the child's run: it is not placed in the parent's.
    expect(got).toEqual(['steps/agent/first-of-run']);
    for (const c of got) expect(all.has(c), c).toBe(true);
  });

  const billing = { kind: 'agent' as const, id: 'ask-billing', agent: 'billing', plan: { steps: [{ kind: 'tool' as const, id: 'refund', tool: 'pay.refund', mode: 'write' as const }] } };
  const struck = (faultStep: string, steps: ScenarioInput['plan']['steps']) =>
    cells({ plan: { name: 'p', steps }, faults: [{ kind: 'crash-worker', step: faultStep, at: 'after-effect', downtimeMs: 100 }] }).filter((c) => c.startsWith('struck/') || c.startsWith('faults/'));

  it('place a fault on a child\'s step inside the child, not as never reached (decision 0070)', () => {
    expect(struck('refund', [{ kind: 'llm', id: 'l' }, billing])).toEqual(['faults/crash-worker/after-effect', 'struck/process/in-child']);
  });

  it('place a fault on the parent after a child answered, and not on the child\'s own start or a step beside it', () => {
    const all = new Set(cellIds(coverageModel({ agents: true })));
    const after = struck('reply', [billing, { kind: 'llm', id: 'draft' }, { kind: 'tool', id: 'reply', tool: 'mail', mode: 'write' }]);
    expect(after).toContain('struck/process/after-child-answered');
    for (const c of after) expect(all.has(c), c).toBe(true);
    expect(struck('ask-billing', [{ kind: 'llm', id: 'l' }, billing])).not.toContain('struck/process/after-child-answered');
    // A sibling branch runs beside the child, not after its answer.
    const beside = struck('side', [{ kind: 'parallel', id: 'par', branches: [[billing], [{ kind: 'tool', id: 'side', tool: 'mail', mode: 'write' }]] }]);
    expect(beside).not.toContain('struck/process/after-child-answered');
    expect(beside).toContain('struck/process/in-parallel');
  });

  it('have child places in the struck axis only where agent steps run', () => {
    const places = (agents: boolean) => coverageModel({ agents }).find((a) => a.id === 'struck')!.rows[0]!.cells.map((c) => c.place);
    expect(places(true)).toEqual(expect.arrayContaining(['in-child', 'after-child-answered']));
    expect(places(false)).not.toContain('in-child');
    expect(places(false)).not.toContain('after-child-answered');
  });
});

describe('the model', () => {
  it('has a row for each fault kind, from its package', () => {
    const faults = coverageModel().find((a) => a.id === 'faults')!;
    expect(faults.rows.map((r) => r.id)).toEqual(FAULT_KINDS);
    expect(faults.rows.find((r) => r.id === 'crash-worker')!.cells.map((c) => c.place)).toEqual(['before-effect', 'during-effect', 'after-effect', 'waiting', 'sleeping']);
  });

  it('leaves out what the options rule out, and is small enough to print', () => {
    const ids = cellIds(coverageModel({ faultKinds: ['crash-worker'], timeouts: false }));
    expect(ids.some((c) => c.includes('timeout'))).toBe(false);
    expect(ids.some((c) => c.startsWith('struck/effect/'))).toBe(false);
    expect(cellIds(coverageModel()).length).toBeLessThan(80);
  });

  it('tallies cases per cell and names what none exercised', () => {
    const model = coverageModel({ faultKinds: ['crash-worker'] });
    const c = tally('run', model, [['steps/llm/first-of-run', 'faults/crash-worker/waiting'], ['steps/llm/first-of-run']]);
    expect(coverageCount(c)).toEqual({ covered: 2, total: cellIds(model).length });
    expect(uncovered(c)).toContain('struck: process after-reject');
    expect(uncovered(c)).not.toContain('steps: llm first-of-run');
    const text = coverageLines(c).join('\n');
    expect(text).toContain(`Coverage: 2 of ${cellIds(model).length} cells`);
    expect(text).toMatch(/llm\s+first-of-run 2 {2}first-of-branch -/);
    // A short line, not a screenful: the first few named, the rest counted.
    const line = coverageLines(c).find((l) => l.startsWith('  Not exercised'))!;
    expect(line.split('; ').length).toBe(9);
    expect(line).toMatch(new RegExp(`…${uncovered(c).length - 8} more \\(every one is in the matrix above and in report.json\\)$`));
  });
});

describe('policies', () => {
  it('have an axis only where cases may declare them: each rule judged, or enforced where the suite has it', () => {
    expect(cellIds(coverageModel()).some((c) => c.startsWith('policies/'))).toBe(false);
    const suite = new Set(cellIds(coverageModel({ policies: { rules: POLICY_RULES, enforced: true } })));
    expect([...suite].filter((c) => c.startsWith('policies/'))).toHaveLength(8);
    const got = cells({
      plan: { name: 'p', steps: [{ kind: 'tool', id: 'drop', tool: 'db.drop', mode: 'write' }] },
      policies: [{ rule: 'forbidden-tool', tool: 'db.drop', enforce: true }, { rule: 'token-budget', tokens: 10 }],
    });
    expect(got.filter((c) => c.startsWith('policies/'))).toEqual(['policies/forbidden-tool/enforced', 'policies/token-budget/judged']);
    for (const c of got) expect(suite.has(c), c).toBe(true);
    const explored = cellIds(coverageModel({ policies: { rules: ['call-budget', 'needs-approval'], enforced: false } })).filter((c) => c.startsWith('policies/'));
    expect(explored).toEqual(['policies/call-budget/judged', 'policies/needs-approval/judged']);
  });
});
