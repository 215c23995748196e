import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { loadScenarioFile } from './load.js';
import { runDecisions } from './schema.js';
import { globToRegExp } from './discover.js';

const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const good = `
category: effect-safety
description: refund once
plan:
  name: refund
  steps:
    - { kind: tool, id: refund, tool: payments.refund, mode: write }
faults:
  - { kind: response-lost, step: refund }
`;

describe('loading scenario files', () => {
  it('loads YAML with defaults filled in and the file name as id', async () => {
    const s = await loadScenarioFile(write('checkout-refund.yaml', good));
    expect(s.id).toBe('checkout-refund');
    expect(s.plan.steps[0]).toMatchObject({ kind: 'tool', latencyMs: 0 });
    expect(s.decisions).toEqual({});
  });

  it('loads JSON', async () => {
    const s = await loadScenarioFile(write('p.json', JSON.stringify({ category: 'timers', description: 'd', plan: { name: 'n', steps: [{ kind: 'sleep', id: 'z', ms: 5 }] } })));
    expect(s.category).toBe('timers');
  });

  it('names the file, the path inside it and what was expected', async () => {
    const bad = good.replace('mode: write', 'mode: delete');
    const err = await loadScenarioFile(write('bad.yaml', bad)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/bad\.yaml is not a valid scenario/);
    expect((err as Error).message).toMatch(/plan\.steps\[0\]\.mode: .*"read".*"write"/);
  });

  it('loads several runs with their own decisions, and refuses a run decision that names no approval', async () => {
    const approval = `category: approvals\ndescription: d\nplan:\n  name: n\n  steps:\n    - { kind: approval, id: ok, timeoutMs: 1000 }\ndecisions: { ok: approve }\n`;
    const s = await loadScenarioFile(write('runs.yaml', `${approval}runs:\n  - {}\n  - { decisions: { ok: reject } }\n`));
    expect(runDecisions(s)).toEqual([{ ok: 'approve' }, { ok: 'reject' }]);
    expect((await loadScenarioFile(write('one.yaml', approval))).runs).toHaveLength(1);
    const err = await loadScenarioFile(write('bad-runs.yaml', `${approval}runs:\n  - { decisions: { nope: reject } }\n`)).catch((e: Error) => e.message);
    expect(err).toMatch(/runs\[0\]\.decisions\.nope: no step "nope" in the plan/);
  });

  it('refuses a duration too long to run, naming the field and the bound', async () => {
    const sleepy = `category: timers\ndescription: d\nplan:\n  name: n\n  steps:\n    - { kind: sleep, id: z, ms: 99999999999 }\n`;
    const err = await loadScenarioFile(write('sleepy.yaml', sleepy)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/sleepy\.yaml is not a valid scenario/);
    expect((err as Error).message).toMatch(/plan\.steps\[0\]\.ms: at most 3600000 ms/);
  });

  it('refuses a fault whose downtime is too long to run', async () => {
    const err = await loadScenarioFile(write('down.yaml', good.replace('- { kind: response-lost, step: refund }', '- { kind: crash-worker, step: refund, at: after-effect, downtimeMs: 999999999999 }'))).catch((e: Error) => e.message);
    expect(err).toMatch(/faults\[0\]\.downtimeMs: at most 3600000 ms/);
  });

  it('catches a fault that names a missing step, or a step of the wrong kind', async () => {
    const missing = await loadScenarioFile(write('m.yaml', good.replace('step: refund', 'step: refnud'))).catch((e: Error) => e.message);
    expect(missing).toMatch(/faults\[0\]\.step: no step "refnud" in the plan \(steps: refund\)/);
    const wrongKind = await loadScenarioFile(write('w.yaml', good.replace('{ kind: response-lost, step: refund }', '{ kind: crash-worker, step: refund, at: waiting }'))).catch((e: Error) => e.message);
    expect(wrongKind).toMatch(/step "refund" is a tool step; "at: waiting" needs a approval step/);
  });

  it('catches a paused zombie that would be killed before it wakes', async () => {
    const zombie = good.replace('{ kind: response-lost, step: refund }', '{ kind: second-worker, step: refund, at: during-effect, pauseFirstMs: 1500, overlapMs: 1000 }');
    const message = await loadScenarioFile(write('z.yaml', zombie)).catch((e: Error) => e.message);
    expect(message).toMatch(/faults\[0\]\.overlapMs: must be longer than pauseFirstMs \(1500\)/);
    const fine = await loadScenarioFile(write('z2.yaml', zombie.replace('overlapMs: 1000', 'overlapMs: 3000')));
    expect(fine.faults[0]).toMatchObject({ kind: 'second-worker', pauseFirstMs: 1500, overlapMs: 3000 });
  });

  it('catches duplicate step ids and unknown fields', async () => {
    const dup = await loadScenarioFile(write('d.yaml', good.replace('faults:', '    - { kind: llm, id: refund }\nfaults:'))).catch((e: Error) => e.message);
    expect(dup).toMatch(/plan\.steps\[1\]\.id: step id "refund" is used twice \(first at plan\.steps\[0\]\)/);
    const extra = await loadScenarioFile(write('x.yaml', good + 'colour: blue\n')).catch((e: Error) => e.message);
    expect(extra).toMatch(/colour/);
  });

  it('reports broken YAML and a missing file in one line', async () => {
    await expect(loadScenarioFile(write('broken.yaml', 'plan: [unclosed'))).rejects.toThrow(/broken\.yaml is not valid YAML/);
    await expect(loadScenarioFile(join(dir, 'nope.yaml'))).rejects.toThrow(/no such scenario file/);
  });
});

describe('scenario globs', () => {
  it('* stays within a folder, a bare category selects its folder, ** crosses folders', () => {
    expect(globToRegExp('approvals/*').test('approvals/duplicate-approval')).toBe(true);
    expect(globToRegExp('approvals/*').test('timers/x')).toBe(false);
    expect(globToRegExp('approvals').test('approvals/duplicate-approval')).toBe(true);
    expect(globToRegExp('*/duplicate-*').test('effect-safety/duplicate-start')).toBe(true);
    expect(globToRegExp('**').test('a/b')).toBe(true);
  });
});
