import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';
import { expectHangVerdicts, expectKeyInUseVerdicts, expectKeyReuseVerdicts } from './own-agent-world-faults.js';

// The examples under the fault kinds added for your own agent (npm run test:agent-faults):
// the worker killed while its refund or a model call is held in flight (crash-worker
// during-effect), a call the world never answers (hang), a call still in progress when its retry comes (slow, decision 0103),
// and a double-clicked approval (approval.twice), on seeds AGENT_FAULTS_SEEDS.
const root = join(import.meta.dirname, '..');
const seeds = (process.env.AGENT_FAULTS_SEEDS ?? '1,2,3').split(',').map(Number);

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string }[] }

async function run(example: string, scenarios: string[], seed: number, env: Record<string, string>) {
  const out = join(mkdtempSync(join(tmpdir(), 'own-agent-faults-')), 'run');
  const r = await agentcheck(['run', ...scenarios, '--config', join(root, 'examples', example, 'agentcheck.config.ts'), '--seed', String(seed), '--out', out], env);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
  const verdicts = Object.fromEntries(results.map((c) => [c.scenario, { verdict: c.verdict, ...Object.fromEntries(c.properties.map((p) => [p.id, p.verdict])) }]));
  const refunds = (name: string) => readFileSync(join(out, name, 'effects.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { call?: { label: string }; outcome: string })
    .filter((e) => e.call?.label === 'POST payments.internal/v1/refunds').map((e) => e.outcome);
  return { r, verdicts, refunds };
}

const allPass = { verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' };

describe.each(seeds)('own-agent faults, seed %i', (seed) => {
  it('refund-python: killed during the refund, the keyed agent is deduplicated and the unkeyed one refunds twice; killed during a model call, both pass', async () => {
    const scenarios = ['crash-during-refund', 'crash-during-model'];
    const keyed = await run('refund-python', scenarios, seed, { REFUND_TOOLS: 'tools' });
    expect(keyed.verdicts, keyed.r.stderr).toEqual({ 'crash-during-refund': allPass, 'crash-during-model': allPass });
    expect(keyed.refunds('crash-during-refund')).toEqual(['response-lost', 'deduplicated']);
    const unkeyed = await run('refund-python', scenarios, seed, { REFUND_TOOLS: 'tools_without_key' });
    expect(unkeyed.verdicts['crash-during-refund'], unkeyed.r.stderr).toEqual({ ...allPass, verdict: 'fail', 'effects-exactly-once': 'fail' });
    expect(unkeyed.refunds('crash-during-refund')).toEqual(['response-lost', 'applied']);
    expect(unkeyed.verdicts['crash-during-model']).toEqual(allPass);
  });

  it('refund-python under a hung call: the refund held until the tool gives up (keyed passes, unkeyed refunds twice); the model held past the deadline never completes', async () => {
    await expectHangVerdicts(seed);
  });

  it('refund-python with two refunds in a run: a key per tool call refunds both; a key per customer has the second refused and lost', async () => {
    await expectKeyReuseVerdicts(seed);
  });

  it('refund-python with a slow refund: the retry meets the key in use (409); a tool that tries again gets the first answer, one that takes the 409 as final never completes, one with no key refunds twice', async () => {
    await expectKeyInUseVerdicts(seed, { withoutKey: true });
  });

  it('refund-langgraph graph.ts: killed during the refund, and approved twice at once: every property holds', async () => {
    const { r, verdicts, refunds } = await run('refund-langgraph', ['crash-during-refund', 'refund-approved-twice'], seed, { REFUND_GRAPH: './graph.ts' });
    expect(verdicts, r.stderr).toEqual({ 'crash-during-refund': allPass, 'refund-approved-twice': allPass });
    expect(refunds('crash-during-refund')).toEqual(['response-lost', 'deduplicated']);
    expect(refunds('refund-approved-twice')).toEqual(['applied']);
  });
});
