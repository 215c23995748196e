import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';

// Several decisions in one run (decision 0106) and an approval nobody answers (decision 0107),
// on an agent whose every refund waits for its own decision with a deadline
// (test/fixtures/agent-approval-deadline), on its known-bad variant that refunds once the
// deadline ran out, and on the one that takes the run's first decision for every refund.
const config = join(import.meta.dirname, 'fixtures/agent-approval-deadline/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }

async function run(scenarios: string[], env: Record<string, string>) {
  const out = join(mkdtempSync(join(tmpdir(), 'own-agent-decisions-')), 'run');
  const r = await agentcheck(['run', ...scenarios, '--config', config, '--seed', '1', '--out', out], env);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
  const by = Object.fromEntries(results.map((c) => [c.scenario, c]));
  const refunds = (name: string) => readFileSync(join(out, name, 'effects.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { call?: { label: string; nth?: number }; outcome: string })
    .filter((e) => e.call?.label === 'POST payments.internal/v1/refunds').map((e) => e.outcome);
  return { r, by, refunds };
}
const verdicts = (c: CaseResult) => ({ verdict: c.verdict, ...Object.fromEntries(c.properties.map((p) => [p.id, p.verdict])) });
const integrity = (c: CaseResult) => c.properties.find((p) => p.id === 'approval-integrity')!;
const neverAnswered = ['never-answered', 'approved-then-never-answered'];

describe('several decisions in a run, and an approval nobody answers', () => {
  it('the agent that gives up at its deadline passes; the one that refunds anyway fails approval-integrity on that refund only; one decision for two refunds fails needs-approval', async () => {
    // A short deadline where nobody answers; a long one where the test needs both decisions taken, whatever the load.
    const twoRefunds = ['rejected-then-approved', 'approved-then-rejected'];
    const [gaveUp, refundedAnyway, twoDecisions, firstForAll] = await Promise.all([
      run(neverAnswered, { APPROVAL_DEADLINE_MS: '1500', ON_DEADLINE: 'give-up' }),
      run(neverAnswered, { APPROVAL_DEADLINE_MS: '1500', ON_DEADLINE: 'refund' }),
      run(twoRefunds, { APPROVAL_DEADLINE_MS: '60000', ON_DEADLINE: 'give-up' }),
      run(['approved-then-rejected'], { APPROVAL_DEADLINE_MS: '60000', DECISIONS: 'per-run' }),
    ]);

    expect(verdicts(gaveUp.by['never-answered']), gaveUp.r.stderr).toEqual({ verdict: 'pass', completes: 'pass', 'model-calls-once': 'pass', 'approval-integrity': 'pass', policy: 'pass' });
    expect(gaveUp.refunds('never-answered')).toEqual([]);
    expect(verdicts(gaveUp.by['approved-then-never-answered'])).toMatchObject({ verdict: 'pass', completes: 'pass', 'approval-integrity': 'pass' });
    expect(gaveUp.r.exitCode).toBe(0);

    expect(verdicts(refundedAnyway.by['never-answered']), refundedAnyway.r.stderr).toMatchObject({ verdict: 'fail', completes: 'pass', 'approval-integrity': 'fail' });
    expect(integrity(refundedAnyway.by['never-answered']).evidence.map((e) => e.message)).toEqual([
      "POST payments.internal/v1/refunds #1 (applied) took effect though the approval after turn 1 was never answered (the agent's deadline for it ran out)",
    ]);
    // Judged per decision: the refund the person approved is not evidence, the one nobody answered is.
    const second = integrity(refundedAnyway.by['approved-then-never-answered']);
    expect(second.verdict).toBe('fail');
    expect(second.evidence.length).toBeGreaterThan(0);
    for (const e of second.evidence) expect(e.message).toMatch(/took effect though the approval after turn 2 was never answered/);
    expect(refundedAnyway.r.exitCode).toBe(1);

    // The second refund comes after the first decision, a rejection: it is the second decision's, an approval.
    const allPass = { verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', 'approval-integrity': 'pass', identity: 'pass', policy: 'pass' };
    expect(verdicts(twoDecisions.by['rejected-then-approved']), twoDecisions.r.stderr).toEqual(allPass);
    expect(twoDecisions.refunds('rejected-then-approved')).toEqual(['applied']);
    expect(verdicts(twoDecisions.by['approved-then-rejected'])).toEqual(allPass);
    expect(twoDecisions.refunds('approved-then-rejected')).toEqual(['applied']);
    expect(twoDecisions.r.exitCode).toBe(0);

    // The run's first approval taken for the second refund too: the needs-approval rule reads the second's decision, a rejection.
    const reused = firstForAll.by['approved-then-rejected'];
    expect(verdicts(reused), firstForAll.r.stderr).toMatchObject({ verdict: 'fail', completes: 'pass', policy: 'fail' });
    expect(reused.properties.find((p) => p.id === 'policy')!.evidence.map((e) => e.message)).toEqual([
      expect.stringMatching(/^rule 1 \(needs-approval: POST payments\.internal\/v1\/refunds only after the refund is approved\) broken: POST payments\.internal\/v1\/refunds #2 \(applied\): .*and no human ever approved the refund, no fault before it$/),
    ]);
    expect(firstForAll.refunds('approved-then-rejected')).toEqual(['applied', 'applied']);
    expect(firstForAll.r.exitCode).toBe(1);
  }, 120_000);
});
