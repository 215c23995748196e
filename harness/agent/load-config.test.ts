import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { approvalsOf } from './config.js';
import { parseFault } from './faults.js';
import { loadAgentConfig } from './load-config.js';

const good = {
  worker: { command: 'node server.ts', readyUrl: 'http://127.0.0.1:{port}/health' },
  startRun: { url: 'http://127.0.0.1:{port}/runs' },
  hosts: { 'api.openai.com': { model: 'openai' } },
  scenarios: [{ name: 'one', model: [{ text: 'hi' }], faults: ['response-lost "chat.completions" #2'] }],
};
function configFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'agent-config-')), 'agentcheck.config.ts');
  writeFileSync(file, source);
  return file;
}
const decide = { url: 'http://127.0.0.1:{port}/decision' };
const withConfig = (value: unknown) => configFile(`const config: Record<string, unknown> = ${JSON.stringify(value)};\nexport default config;\n`);

describe('agentcheck.config.ts', () => {
  it('loads a TypeScript config (types stripped by Node) and parses its faults', async () => {
    const { config } = await loadAgentConfig(withConfig(good));
    expect(config.scenarios[0].faults).toEqual([{ kind: 'response-lost', label: 'chat.completions', nth: 2, text: 'response-lost "chat.completions" #2' }]);
    expect(config.startRun).toMatchObject({ method: 'POST', runIdField: 'id' });
    // Intercepted unless the config says the agent comes by base URL.
    expect(config.access).toBe('intercept');
  });

  it.each([
    [{ ...good, scenarios: [{ name: 'one', model: [{ tool: 'x' }] }] }, /scenarios\[0\]\.model: the last turn must be a text answer/],
    [{ ...good, hosts: { 'api.stripe.com': {} } }, /hosts: no host is the model/],
    [{ ...good, scenarios: [{ name: 'one', model: [{ text: 'x' }], faults: ['crash "x"'] }] }, /scenarios\[0\]\.faults\[0\]: expected `crash-worker/],
    [{ ...good, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'approve' } }] }, /approval: a scenario with an approval needs `decide`/],
    [{ ...good, access: 'proxy' }, /access: .*"intercept".*"base-url"/],
    [{ ...good, hosts: { ...good.hosts, 'api.stripe.com': { writes: ['POST /v1/refunds'], reusedKey: 'first-answer' } } }, /hosts\.api\.stripe\.com\.reusedKey: reusedKey needs an idempotencyHeader/],
    [{ ...good, hosts: { ...good.hosts, 'api.stripe.com': { idempotencyHeader: 'Idempotency-Key', reusedKey: 'ignore' } } }, /hosts\.api\.stripe\.com\.reusedKey: .*"refuse".*"first-answer"/],
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'approve', twice: 'yes' } }] }, /scenarios\[0\]\.approval\.twice: expected true \(both at once\) or \{ spacingMs \}/],
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'approve', twice: { spacingMs: -1 } } }] }, /scenarios\[0\]\.approval\.twice/],
    // Several decisions (decision 0106): one field or the other, one a turn, in order, each before the last turn.
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'approve' }, approvals: [{ afterTurn: 1, decision: 'approve' }] }] }, /scenarios\[0\]\.approvals: expected `approval` or `approvals`, not both/],
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { tool: 'y' }, { text: 'x' }], approvals: [{ afterTurn: 2, decision: 'approve' }, { afterTurn: 1, decision: 'reject' }] }] }, /scenarios\[0\]\.approvals\[1\]\.afterTurn: expected a turn after the previous approval's \(2\)/],
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'reject' }] }] }, /scenarios\[0\]\.approvals\[1\]\.afterTurn: expected a turn before the last \(2\)/],
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approvals: [] }] }, /scenarios\[0\]\.approvals: expected at least one approval/],
    [{ ...good, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { tool: 'y' }, { text: 'x' }], approvals: [{ afterTurn: 1, decision: 'none' }, { afterTurn: 2, decision: 'reject' }] }] }, /scenarios\[0\]\.approvals: a scenario with an approval needs `decide`/],
    // A decision nobody answers (decision 0107) is never sent, so never twice.
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'none', twice: true } }] }, /scenarios\[0\]\.approval\.twice: a decision nobody sends \(none\) cannot be sent twice/],
    [{ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'timeout' } }] }, /scenarios\[0\]\.approval\.decision: .*"approve".*"reject".*"none"/],
    // The runtime the agent is on (decision 0104): one agentcheck can start, and a restart needs one.
    [{ ...good, runtime: 'restate' }, /runtime: expected 'temporal' \(the runtimes agentcheck can start for your agent\)/],
    [{ ...good, scenarios: [{ name: 'one', model: [{ text: 'x' }], faults: ['restart-runtime after-effect "chat.completions" #1'] }] }, /scenarios\[0\]\.faults\[0\]: restart-runtime needs `runtime`/],
  ])('a bad config is one line naming the file and field (%#)', async (value, message) => {
    const err = await loadAgentConfig(withConfig(value)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/agentcheck\.config\.ts: /);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('a runtime the config names is kept; none by default', async () => {
    expect((await loadAgentConfig(withConfig({ ...good, runtime: 'temporal', scenarios: [{ name: 'one', model: [{ text: 'x' }], faults: ['restart-runtime after-effect "chat.completions" #1'] }] }))).config.runtime).toBe('temporal');
    expect((await loadAgentConfig(withConfig(good))).config.runtime).toBeUndefined();
  });

  it('a config that does not load, or is missing, is a usage error too', async () => {
    await expect(loadAgentConfig(configFile('export default {{'))).rejects.toThrow(/did not load/);
    await expect(loadAgentConfig('/nonexistent/agentcheck.config.ts')).rejects.toThrow(/not found \(agentcheck init writes one\)/);
  });

  it('a decision delivered twice: true is both at once', async () => {
    const { config } = await loadAgentConfig(withConfig({ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'approve', twice: true } }, { name: 'two', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'reject', twice: { spacingMs: 150 } } }] }));
    expect(config.scenarios.map((s) => s.approval?.twice)).toEqual([{ spacingMs: 0 }, { spacingMs: 150 }]);
  });

  it('several decisions, and one nobody answers: `approvals` in the order of their turns; a scenario that only waits needs no `decide`', async () => {
    const { config } = await loadAgentConfig(withConfig({ ...good, decide, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { tool: 'y' }, { text: 'x' }], approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'reject', twice: true }] }] }));
    expect(approvalsOf(config.scenarios[0])).toEqual([{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'reject', twice: { spacingMs: 0 } }]);
    const { config: waits } = await loadAgentConfig(withConfig({ ...good, scenarios: [{ name: 'one', model: [{ tool: 'x' }, { text: 'x' }], approval: { afterTurn: 1, decision: 'none' } }] }));
    expect(approvalsOf(waits.scenarios[0])).toEqual([{ afterTurn: 1, decision: 'none' }]);
    expect(approvalsOf(good.scenarios[0] as never)).toEqual([]);
  });

  it('faults name effects by what the agent does', () => {
    expect(parseFault('crash-worker during-effect "chat.completions" #2')).toMatchObject({ kind: 'crash-worker during-effect', label: 'chat.completions', nth: 2 });
    expect(parseFault('crash-worker after-effect "POST api.stripe.com/v1/refunds" #1')).toMatchObject({ kind: 'crash-worker after-effect', label: 'POST api.stripe.com/v1/refunds', nth: 1 });
    expect(parseFault('fails "GET api.search.dev/v1/search"')).toMatchObject({ kind: 'fails', nth: 1 });
    expect(parseFault('crash-worker "x"')).toBeUndefined();
    // A bare hang is the harder one: the call took effect, and its answer never came (decision 0093).
    expect(parseFault('hang "POST api.stripe.com/v1/refunds" #1')).toMatchObject({ kind: 'hang after-effect', label: 'POST api.stripe.com/v1/refunds', nth: 1, text: 'hang "POST api.stripe.com/v1/refunds" #1' });
    expect(parseFault('hang before-effect "chat.completions" #2')).toMatchObject({ kind: 'hang before-effect', nth: 2 });
    expect(parseFault('hang forever "chat.completions"')).toBeUndefined();
    // A call still in progress when the agent tries again (decision 0103).
    expect(parseFault('slow "POST api.stripe.com/v1/refunds"')).toMatchObject({ kind: 'slow', label: 'POST api.stripe.com/v1/refunds', nth: 1 });
    expect(parseFault('slow after-effect "POST api.stripe.com/v1/refunds"')).toBeUndefined();
    // The runtime's server restarted at a call, as the built-in fault kind words it (decision 0104).
    expect(parseFault('restart-runtime after-effect "POST api.stripe.com/v1/refunds" #1')).toMatchObject({ kind: 'restart-runtime after-effect', label: 'POST api.stripe.com/v1/refunds', nth: 1 });
    expect(parseFault('restart-runtime before-effect "chat.completions" #2')).toMatchObject({ kind: 'restart-runtime before-effect', nth: 2 });
    expect(parseFault('restart-runtime "chat.completions"')).toBeUndefined();
  });
});
