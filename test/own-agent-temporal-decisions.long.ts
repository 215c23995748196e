import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';

// examples/refund-temporal with a deadline on each approval (worker-approval-deadline.ts,
// `condition(fn, '10 seconds')`), on the real Temporal dev server (npm run test:agent-temporal-decisions):
// nobody answers, and the workflow gives up (passes) or, in its known-bad variant, refunds
// anyway (fails approval-integrity, decision 0107); two refunds in a run, each decided on its own (decision 0106).
// agentcheck starts the server itself (the config says `runtime: 'temporal'`, decision 0104).
const root = join(import.meta.dirname, '..');
const config = join(root, 'examples/refund-temporal/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }
const verdicts = (c: CaseResult) => ({ verdict: c.verdict, ...Object.fromEntries(c.properties.map((p) => [p.id, p.verdict])) });

describe('examples/refund-temporal: an approval with a deadline', () => {
  const run = async (scenarios: string[], workflows: string) => {
    const out = mkdtempSync(join(tmpdir(), 'own-agent-'));
    const r = await agentcheck(['run', ...scenarios, '--config', config, '--out', out], { REFUND_WORKER: 'worker-approval-deadline.ts', REFUND_WORKFLOWS: workflows });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
    const by = Object.fromEntries(results.map((c) => [c.scenario, c]));
    const refunds = (name: string) => readFileSync(join(out, name, 'effects.jsonl'), 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as { call?: { label: string }; outcome: string })
      .filter((e) => e.call?.label === 'POST payments.internal/v1/refunds').map((e) => e.outcome);
    return { r, by, refunds };
  };

  it('the workflow that gives up at its deadline passes, and decides each of two refunds on its own', async () => {
    const { r, by, refunds } = await run(['approval-never-answered', 'two-refunds-second-rejected'], 'approval-deadline');
    expect(verdicts(by['approval-never-answered']), r.stderr).toEqual({ verdict: 'pass', completes: 'pass', 'model-calls-once': 'pass', 'approval-integrity': 'pass', 'audit-trail': 'pass' });
    expect(refunds('approval-never-answered')).toEqual([]);
    expect(verdicts(by['two-refunds-second-rejected'])).toMatchObject({ verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'approval-integrity': 'pass' });
    // The approved refund, unless its signal came after the 10 s deadline (never seen): never the rejected one.
    expect(refunds('two-refunds-second-rejected').length).toBeLessThanOrEqual(1);
    expect(r.exitCode).toBe(0);
  }, 400_000);

  it('the known-bad workflow that refunds once the deadline ran out fails approval-integrity on that refund', async () => {
    const { r, by, refunds } = await run(['approval-never-answered'], 'refund-after-deadline');
    expect(verdicts(by['approval-never-answered']), r.stderr).toMatchObject({ verdict: 'fail', completes: 'pass', 'approval-integrity': 'fail' });
    expect(by['approval-never-answered'].properties.find((p) => p.id === 'approval-integrity')!.evidence.map((e) => e.message)).toEqual([
      "POST payments.internal/v1/refunds #1 (applied) took effect though the approval after turn 1 was never answered (the agent's deadline for it ran out)",
    ]);
    expect(refunds('approval-never-answered')).toEqual(['applied']);
    expect(r.exitCode).toBe(1);
  }, 400_000);
});
