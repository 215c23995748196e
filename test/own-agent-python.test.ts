import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';

// examples/refund-python: a Python agent on the official `openai` client and urllib,
// which msw cannot reach into. It reaches the world by base URL (access: 'base-url'):
// OPENAI_BASE_URL and AGENTCHECK_BASE_URL_PAYMENTS_INTERNAL. Killed right after its
// refund reached the world, it resumes from its own journal and runs the refund again.
const root = join(import.meta.dirname, '..');
const config = join(root, 'examples/refund-python/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string }[] }

async function crashAfterRefund(tools: string) {
  const out = join(mkdtempSync(join(tmpdir(), 'own-agent-python-')), 'run');
  const r = await agentcheck(['run', 'crash-after-refund', '--config', config, '--seed', '1', '--out', out], { REFUND_TOOLS: tools });
  const [result] = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
  const refunds = readFileSync(join(out, 'crash-after-refund', 'effects.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { call?: { label: string }; outcome: string })
    .filter((e) => e.call?.label === 'POST payments.internal/v1/refunds')
    .map((e) => e.outcome);
  return { r, refunds, verdicts: { verdict: result.verdict, ...Object.fromEntries(result.properties.map((p) => [p.id, p.verdict])) } };
}

describe('examples/refund-python by base URL', () => {
  it('with the tool call id as Idempotency-Key the resumed refund is deduplicated; without it the refund is applied twice', async () => {
    const keyed = await crashAfterRefund('tools');
    expect(keyed.verdicts, keyed.r.stderr).toEqual({ verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' });
    expect(keyed.refunds).toEqual(['response-lost', 'deduplicated']);
    expect(keyed.r.exitCode).toBe(0);

    const unkeyed = await crashAfterRefund('tools_without_key');
    expect(unkeyed.verdicts, unkeyed.r.stderr).toEqual({ verdict: 'fail', completes: 'pass', 'effects-exactly-once': 'fail', 'model-calls-once': 'pass', identity: 'pass' });
    expect(unkeyed.refunds).toEqual(['response-lost', 'applied']);
    expect(unkeyed.r.exitCode).toBe(1);
  }, 90_000);
});
