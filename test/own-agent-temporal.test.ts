import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';
import { useTemporalServer } from './temporal-dev-server.js';

// examples/refund-temporal, unmodified, on the real Temporal dev server: a crash right
// after the refund took effect. Temporal retries the activity on the restarted worker;
// the idempotency key (workflow id + activity id) makes that retry harmless, and the
// variant without one refunds twice.
const root = join(import.meta.dirname, '..');
const config = join(root, 'examples/refund-temporal/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }
const verdicts = (c: CaseResult) => Object.fromEntries(c.properties.map((p) => [p.id, p.verdict]));

describe('examples/refund-temporal through agentcheck run', () => {
  const temporal = useTemporalServer();

  const run = async (worker: string) => {
    const out = mkdtempSync(join(tmpdir(), 'own-agent-'));
    const r = await agentcheck(['run', 'crash-after-refund', '--config', config, '--out', out], { TEMPORAL_ADDRESS: temporal.address, REFUND_WORKER: worker });
    const [result] = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
    return { exitCode: r.exitCode, stderr: r.stderr, result, events: readFileSync(join(out, 'crash-after-refund/effects.jsonl'), 'utf8') };
  };

  it('with an idempotency key: the retried refund is deduplicated, the run completes, every call carries the user', async () => {
    const { exitCode, stderr, result, events } = await run('worker.ts');
    expect(verdicts(result), events).toEqual({ completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' });
    expect(exitCode, stderr).toBe(0);
    // The crash came after the refund took effect, so its retry reached the world again.
    expect(events).toMatch(/"outcome":"deduplicated"/);
  }, 300_000);

  it('without one: the retried refund takes effect a second time', async () => {
    const { exitCode, result, events } = await run('worker-without-key.ts');
    expect(verdicts(result)['effects-exactly-once'], events).toBe('fail');
    expect(result.properties.find((p) => p.id === 'effects-exactly-once')!.evidence[0].message).toMatch(/POST payments.internal\/v1\/refunds took effect 2 times with the same body/);
    expect(exitCode).toBe(1);
  }, 300_000);
});
