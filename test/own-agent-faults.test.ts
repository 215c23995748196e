import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';

// A decision delivered twice (a double-clicked approval) on a known-bad agent whose app acts
// on every decision it is sent (test/fixtures/agent-double-decision), and on its fix.
const config = join(import.meta.dirname, 'fixtures/agent-double-decision/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; notes?: string[]; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }

async function run(decisions: string) {
  const out = join(mkdtempSync(join(tmpdir(), 'own-agent-faults-')), 'run');
  const r = await agentcheck(['run', '--config', config, '--seed', '1', '--out', out], { DECISIONS: decisions });
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
  const by = Object.fromEntries(results.map((c) => [c.scenario, c]));
  const refunds = (name: string) => readFileSync(join(out, name, 'effects.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { call?: { label: string }; outcome: string })
    .filter((e) => e.call?.label === 'POST payments.internal/v1/refunds').map((e) => e.outcome);
  return { r, by, refunds };
}
const verdicts = (c: CaseResult) => ({ verdict: c.verdict, ...Object.fromEntries(c.properties.map((p) => [p.id, p.verdict])) });

describe('a decision delivered twice (approval.twice)', () => {
  it('an app that acts on every decision refunds twice on a double click; its fix acts once', async () => {
    const [bad, fixed] = await Promise.all([run('every'), run('once')]);

    expect(verdicts(bad.by['approved-twice-at-once']), bad.r.stderr).toMatchObject({ verdict: 'fail', completes: 'pass', 'effects-exactly-once': 'fail' });
    // The second decision's loop asks the model again: for turn 2 again (a repeat, model-calls-once
    // fails) or, when the first loop's turn 2 was answered first, for a turn past the script's end
    // (the world refuses it and says so). Which, is up to the two loops' timing on the machine.
    const twice = bad.by['approved-twice-at-once'];
    expect(twice.properties.find((p) => p.id === 'model-calls-once')?.verdict === 'fail' || (twice.notes ?? []).some((n) => /the agent asked for turn 3/.test(n)), bad.r.stderr).toBe(true);
    expect(bad.refunds('approved-twice-at-once')).toEqual(['applied', 'applied']);
    expect(bad.by['approved-twice-at-once'].properties.find((p) => p.id === 'effects-exactly-once')!.evidence[0].message).toMatch(/took effect 2 times with the same body/);
    // Two rejections: the second asks the model again, which the script cannot answer (or, racing, a repeated turn): never a pass.
    expect(bad.by['rejected-twice-apart'].verdict).not.toBe('pass');
    expect(bad.r.exitCode).toBe(1);

    expect(verdicts(fixed.by['approved-twice-at-once']), fixed.r.stderr).toEqual({ verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' });
    expect(fixed.refunds('approved-twice-at-once')).toEqual(['applied']);
    expect(verdicts(fixed.by['rejected-twice-apart'])).toMatchObject({ verdict: 'pass', 'approval-integrity': 'pass' });
    expect(fixed.refunds('rejected-twice-apart')).toEqual([]);
    expect(fixed.r.exitCode).toBe(0);
  });
});
