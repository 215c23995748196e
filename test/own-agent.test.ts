import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startLedger, type Ledger } from '../harness/ledger/server.js';
import { Report } from '../harness/report/schema.js';
import { agentcheck } from './cli.js';

const root = join(import.meta.dirname, '..');
const temp = () => mkdtempSync(join(tmpdir(), 'own-agent-'));

// An unmodified agent in its own process, with agentcheck/intercept preloaded: every
// way a Node agent reaches the network lands in the world, an undeclared host fails.
describe('agentcheck/intercept in an agent process', () => {
  let ledger: Ledger | undefined;
  afterEach(() => ledger?.close());

  it('routes fetch, node:http and the openai client (streaming too) to the world, and refuses an undeclared host', async () => {
    ledger = await startLedger({
      file: join(temp(), 'effects.jsonl'),
      world: {
        runId: 'r', seed: 1, principal: 'user-1',
        hosts: { 'api.openai.com': { model: 'openai', writes: [] }, 'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key' } },
        model: [{ tool: 'issue_refund', args: { charge: 'ch_1' } }, { text: 'Refunded.' }],
      },
    });
    const agent = `
      import OpenAI from 'openai';
      import http from 'node:http';
      const openai = new OpenAI({ apiKey: 'sk-test', maxRetries: 0 });
      const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'refund' }] });
      const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'refund' }, first.choices[0].message] });
      let text = '';
      for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
      const refund = await fetch('https://api.stripe.com/v1/refunds', { method: 'POST', headers: { 'idempotency-key': 'k1', 'content-type': 'application/x-www-form-urlencoded' }, body: 'charge=ch_1' });
      const viaHttp = await new Promise((done) => http.get('http://api.stripe.com/v1/charges/ch_1', (r) => { let b = ''; r.on('data', (c) => (b += c)); r.on('end', () => done(r.statusCode)); }));
      let refused = 'no';
      try { await fetch('https://example.org/'); } catch { refused = 'yes'; }
      console.log(JSON.stringify({ tool: first.choices[0].message.tool_calls[0].function.name, text, refund: (await refund.json()).object, viaHttp, refused }));
    `;
    const r = await execa(process.execPath, ['--input-type=module', '-e', agent], {
      cwd: root,
      reject: false,
      env: { NODE_OPTIONS: `--import=${pathToFileURL(join(root, 'dist/harness/intercept/index.js')).href}`, AGENTCHECK_LEDGER_URL: ledger.url, AGENTCHECK_LEDGER_TOKEN: ledger.token, AGENTCHECK_HOSTS: 'api.openai.com,api.stripe.com' },
    });
    expect(r.stderr).toContain('the agent called example.org, which the config does not declare');
    expect(JSON.parse(r.stdout)).toEqual({ tool: 'issue_refund', text: 'Refunded.', refund: 'refund', viaHttp: 200, refused: 'yes' });
    const seen = ledger.events.map((e) => [e.call?.label, e.outcome]);
    expect(seen.slice(0, 4)).toEqual([
      ['chat.completions', 'applied'],
      ['chat.completions', 'applied'],
      ['POST api.stripe.com/v1/refunds', 'applied'],
      ['GET api.stripe.com/v1/charges/ch_1', 'applied'],
    ]);
    // Node's fetch may try a failed request again (seen: twice); every try is refused.
    expect(seen.length).toBeGreaterThan(4);
    expect(new Set(seen.slice(4).map((e) => e.join(' ')))).toEqual(new Set(['GET example.org/ refused']));
  });

  it('routes the @anthropic-ai/sdk client (plain and streaming) to the Anthropic face of the scripted model', async () => {
    ledger = await startLedger({
      file: join(temp(), 'effects.jsonl'),
      world: {
        runId: 'r', seed: 1, principal: 'user-1',
        hosts: { 'api.anthropic.com': { model: 'anthropic', writes: [] } },
        model: [{ tool: 'issue_refund', args: { charge: 'ch_1', amount: 1200 } }, { text: 'Refunded.', usage: { prompt: 900, completion: 12 } }],
      },
    });
    const agent = `
      import Anthropic from '@anthropic-ai/sdk';
      const client = new Anthropic({ apiKey: 'sk-ant-test', maxRetries: 0 });
      const tools = [{ name: 'issue_refund', description: 'Refund a charge', input_schema: { type: 'object', properties: { charge: { type: 'string' } } } }];
      const messages = [{ role: 'user', content: 'refund ch_1' }];
      const first = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, tools, messages });
      const use = first.content.find((b) => b.type === 'tool_use');
      messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '{"status":"succeeded"}' }] });
      const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, tools, messages });
      let deltas = 0;
      stream.on('text', () => deltas++);
      const final = await stream.finalMessage();
      console.log(JSON.stringify({ stop: first.stop_reason, tool: use.name, input: use.input, usage: first.usage.input_tokens + first.usage.output_tokens, text: final.content[0].text, deltas, finalUsage: [final.usage.input_tokens, final.usage.output_tokens], finalStop: final.stop_reason }));
    `;
    const r = await execa(process.execPath, ['--input-type=module', '-e', agent], {
      cwd: root,
      reject: false,
      env: { NODE_OPTIONS: `--import=${pathToFileURL(join(root, 'dist/harness/intercept/index.js')).href}`, AGENTCHECK_LEDGER_URL: ledger.url, AGENTCHECK_LEDGER_TOKEN: ledger.token, AGENTCHECK_HOSTS: 'api.anthropic.com' },
    });
    expect(JSON.parse(r.stdout || '{}'), r.stderr).toEqual({ stop: 'tool_use', tool: 'issue_refund', input: { charge: 'ch_1', amount: 1200 }, usage: 440, text: 'Refunded.', deltas: 2, finalUsage: [900, 12], finalStop: 'end_turn' });
    expect(ledger.events.map((e) => [e.call?.label, e.stepId, e.outcome, e.tokens])).toEqual([
      ['messages', 'messages turn 1', 'applied', 440],
      ['messages', 'messages turn 2', 'applied', 912],
    ]);
  });
});

// A `hang` fault (decision 0093): the world holds the call; the agent's own timeout (an
// AbortSignal, the openai client's `timeout`) must reach the world through msw as a closed call.
describe('a held call through agentcheck/intercept', () => {
  let ledger: Ledger | undefined;
  afterEach(() => ledger?.close());

  it("the agent's timeout closes the held call in the world: fetch's AbortSignal and the openai client's own timeout and retry", async () => {
    ledger = await startLedger({
      file: join(temp(), 'effects.jsonl'),
      world: {
        runId: 'r', seed: 1, principal: 'user-1',
        hosts: { 'api.openai.com': { model: 'openai', writes: [] }, 'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key' } },
        model: [{ text: 'Refunded.' }],
      },
    });
    ledger.intercept((req) => (req.call?.nth === 1 ? { apply: true, reply: 'hang', untilCallerGone: true, reason: 'hang' } : undefined));
    // Timeouts are the agent's, far above an answer's time here; a retry goes on until one is answered.
    const agent = `
      import OpenAI from 'openai';
      const openai = new OpenAI({ apiKey: 'sk-test', timeout: 1000, maxRetries: 4 });
      const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'refund' }] });
      let refund;
      for (let i = 0; i < 5 && !refund; i++) {
        try {
          const res = await fetch('https://api.stripe.com/v1/refunds', { method: 'POST', signal: AbortSignal.timeout(1000), headers: { 'idempotency-key': 'k1', 'content-type': 'application/x-www-form-urlencoded' }, body: 'charge=ch_1' });
          refund = (await res.json()).object;
        } catch {}
      }
      console.log(JSON.stringify({ text: completion.choices[0].message.content, refund }));
    `;
    const r = await execa(process.execPath, ['--input-type=module', '-e', agent], {
      cwd: root,
      reject: false,
      // Without the agent's giving up reaching the world, the agent would wait on its forwarded call for ever.
      timeout: 60_000,
      env: { NODE_OPTIONS: `--import=${pathToFileURL(join(root, 'dist/harness/intercept/index.js')).href}`, AGENTCHECK_LEDGER_URL: ledger.url, AGENTCHECK_LEDGER_TOKEN: ledger.token, AGENTCHECK_HOSTS: 'api.openai.com,api.stripe.com' },
    });
    expect(JSON.parse(r.stdout || '{}'), r.stderr).toEqual({ text: 'Refunded.', refund: 'refund' });
    const of = (label: string) => ledger!.events.filter((e) => e.call?.label === label);
    // Each first call held until the agent gave up; its retry answered (the refund's by its key).
    expect(of('chat.completions')[0]).toMatchObject({ outcome: 'response-lost', hung: { until: 'caller-gave-up' } });
    expect(of('chat.completions').at(-1)!.outcome).toBe('applied');
    expect(of('POST api.stripe.com/v1/refunds')[0]).toMatchObject({ outcome: 'response-lost', hung: { until: 'caller-gave-up' } });
    expect(of('POST api.stripe.com/v1/refunds').at(-1)!.outcome).toBe('deduplicated');
    expect(ledger.endHangs()).toBe(0);
  });
});

// examples/refund-loop: a plain in-memory loop on the openai client, never changed for agentcheck.
describe('examples/refund-loop through agentcheck run', () => {
  it('passes where nothing breaks, repeats the refund when its answer is lost, loses the run in a crash', async () => {
    const out = join(temp(), 'run');
    const r = await agentcheck(['run', '--config', join(root, 'examples/refund-loop/agentcheck.config.ts'), '--seed', '7', '--out', out, '-r', 'terminal,markdown']);
    expect(r.exitCode, r.stderr).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { scenario: string; verdict: string; wastedTokens: number; properties: { id: string; verdict: string }[] }[];
    const by = Object.fromEntries(results.map((c) => [c.scenario, { verdict: c.verdict, wasted: c.wastedTokens, ...Object.fromEntries(c.properties.map((p) => [p.id, p.verdict])) }]));
    expect(by['refund-approved']).toEqual({ verdict: 'pass', wasted: 0, completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' });
    expect(by['refund-rejected']).toEqual({ verdict: 'pass', wasted: 0, completes: 'pass', 'model-calls-once': 'pass', 'approval-integrity': 'pass' });
    // The openai client retries a lost answer itself: fair, but paid for.
    expect(by['model-answer-lost']).toMatchObject({ verdict: 'pass', wasted: 440, 'model-calls-once': 'pass' });
    // The loop's own retry of the refund, without an idempotency key, refunds twice.
    expect(by['refund-answer-lost']).toMatchObject({ verdict: 'fail', 'effects-exactly-once': 'fail', completes: 'pass' });
    // In memory, the run dies with its worker: never finished, whatever else held.
    expect(by['crash-after-refund']).toMatchObject({ verdict: 'fail', completes: 'fail', 'effects-exactly-once': 'pass' });
    expect(r.stderr).toMatch(/FAIL +crash-after-refund/);
    // The same report a runtime gets: scorecard by category, the gate, a replay per case.
    const report = Report.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    const scores = Object.fromEntries(report.scorecard.categories.filter((c) => c.score !== null).map((c) => [c.id, c.score]));
    expect(scores).toEqual({ 'crash-recovery': 0, 'effect-safety': 0, 'step-replay': 100, approvals: 100 });
    expect(report.scorecard.level).toBe('L0');
    expect(report.gate.passed).toBe(false);
    const crash = report.cases.find((c) => c.id === 'crash-recovery/crash-after-refund')!;
    expect(crash.metrics).toMatchObject({ workerStarts: 2, wastedTokens: 0 });
    expect(crash.repro).toMatch(/^npx agentcheck run crash-after-refund --config \S+agentcheck.config.ts --seed 7$/);
    expect(report.cases.find((c) => c.scenario === 'model-answer-lost')!.metrics).toMatchObject({ reExecutedLlmCalls: 1, wastedTokens: 440 });
    expect(r.stdout).toMatch(/Level L0 demo: loses or repeats work on a crash/);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('**crash-recovery/crash-after-refund**');
  }, 120_000);
});

describe('agentcheck init and bad configs', () => {
  it('init writes a config that loads; a worker that cannot start is one line and exit 2; a second init or a missing config is exit 64', async () => {
    // Inside the package, so the config's `import from 'agentcheck'` resolves as in a user's project.
    mkdirSync(join(root, '.agentcheck'), { recursive: true });
    const dir = mkdtempSync(join(root, '.agentcheck', 'init-'));
    const run = (args: string[]) => execa(process.execPath, [join(root, 'bin/agentcheck.js'), ...args], { cwd: dir, reject: false, env: { NO_COLOR: '1' } });
    expect((await run(['init'])).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'agentcheck.config.ts'), 'utf8')).toContain('defineConfig');
    // The template's worker (src/server.js) is the user's to write: here it is missing.
    // `run` finds the config in the folder and runs the agent (so does `agent`).
    const noWorker = await run(['run', '--out', join(dir, 'out')]);
    expect(noWorker.exitCode, noWorker.stderr).toBe(2);
    expect(noWorker.stderr.trim().split('\n').at(-1)).toMatch(/^agentcheck: the agent's worker \(`node src\/server.js`\) exited \(code 1\) before http:\/\/127.0.0.1:\d+\/health answered; see .*worker.log$/);
    const again = await run(['init']);
    expect([again.exitCode, again.stderr.trim()]).toEqual([64, 'agentcheck: agentcheck.config.ts already exists (add --force to overwrite it)']);
    const both = await run(['run', '--adapter', 'reference', '--config', 'agentcheck.config.ts']);
    expect([both.exitCode, both.stderr.trim()]).toEqual([64, 'agentcheck: --adapter does not apply to your own agent (agentcheck.config.ts); run a runtime with --adapter and no --config']);
    const missing = await run(['agent', '--config', 'nope.config.ts']);
    expect([missing.exitCode, missing.stderr.trim()]).toEqual([64, 'agentcheck: nope.config.ts not found (agentcheck init writes one)']);
    rmSync(dir, { recursive: true, force: true });
  });
});
