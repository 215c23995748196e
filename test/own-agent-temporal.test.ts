import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';

// examples/refund-temporal, unmodified, on the real Temporal dev server, which agentcheck
// starts itself for each case (the config says `runtime: 'temporal'`; decision 0104): no
// server started by the test. A crash right after the refund took effect: Temporal
// retries the activity on the restarted worker; the idempotency key (workflow id +
// activity id) makes that retry harmless, and the variant without one refunds twice.
// The server SIGKILLed right after the refund: the worker lives on, the run completes.
// Every case judges audit-trail on the workflow's history (decision 0105).
const root = join(import.meta.dirname, '..');
const config = join(root, 'examples/refund-temporal/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; faults: { text: string }[]; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }
const verdicts = (c: CaseResult) => Object.fromEntries(c.properties.map((p) => [p.id, p.verdict]));
const everyProperty = { completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass', 'audit-trail': 'pass' };

describe('examples/refund-temporal through agentcheck agent', () => {
  const run = async (scenario: string, worker: string) => {
    const out = mkdtempSync(join(tmpdir(), 'own-agent-'));
    // Found or built by `npm run setup:temporal` (pretest), as the Temporal adapter finds it; an address the
    // environment names is not one agentcheck may restart, and is not used.
    const r = await agentcheck(['agent', '--config', config, '--scenario', scenario, '--out', out], { REFUND_WORKER: worker });
    const [result] = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { cases: { timeline: { events: { type: string; action?: string }[] } }[] };
    return { exitCode: r.exitCode, stderr: r.stderr, result, report, caseDir: join(out, scenario), events: readFileSync(join(out, scenario, 'effects.jsonl'), 'utf8') };
  };

  it('with an idempotency key: the retried refund is deduplicated, the run completes, every call carries the user, the history agrees', async () => {
    const { exitCode, stderr, result, events } = await run('crash-after-refund', 'worker.ts');
    expect(verdicts(result), events).toEqual(everyProperty);
    expect(exitCode, stderr).toBe(0);
    // The crash came after the refund took effect, so its retry reached the world again.
    expect(events).toMatch(/"outcome":"deduplicated"/);
  }, 300_000);

  it('without one: the retried refund takes effect a second time', async () => {
    const { exitCode, result, events } = await run('crash-after-refund', 'worker-without-key.ts');
    expect(verdicts(result)['effects-exactly-once'], events).toBe('fail');
    expect(result.properties.find((p) => p.id === 'effects-exactly-once')!.evidence[0].message).toMatch(/POST payments.internal\/v1\/refunds took effect 2 times with the same body/);
    // Both refunds were made by tries of the one activity the history records completed: the record agrees.
    expect(verdicts(result)['audit-trail'], events).toBe('pass');
    expect(exitCode).toBe(1);
  }, 300_000);

  it('restart-runtime: the server SIGKILLed after the refund and started on its database; the run completes once, the history agrees', async () => {
    const { exitCode, stderr, result, report, caseDir, events } = await run('runtime-restart-after-refund', 'worker.ts');
    expect(verdicts(result), events).toEqual(everyProperty);
    expect(result.properties.find((p) => p.id === 'audit-trail')!.evidence[0].message).toMatch(/^the runtime records the run COMPLETED; each of the 3 model calls and writes that took effect lies in one of its \d+ completed activities$/);
    expect(result.faults.map((f) => f.text)).toEqual(['restart-runtime after-effect "POST payments.internal/v1/refunds" #1']);
    // The server was killed and served again on the same database (its second log file is no proof: the server's
    // output may still be in the pipe when agentcheck exits on a loaded machine).
    expect(report.cases[0].timeline.events.filter((e) => e.type === 'fault').map((e) => e.action)).toEqual(['restart-runtime', 'crash-runtime', 'runtime-restarted']);
    expect(existsSync(join(caseDir, 'runtime/temporal-server/temporal.db'))).toBe(true);
    expect(exitCode, stderr).toBe(0);
  }, 300_000);
});
