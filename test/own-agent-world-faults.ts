import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { agentcheck } from './cli.js';

// examples/refund-python where the outside world misbehaves as real services do: a call it
// never answers (`hang`, decision 0093), its refund's timeout set by the example's own
// setting (urllib's timeout, PAYMENTS_TIMEOUT_S = 2 s); and an idempotency key reused for
// another refund, refused as Stripe refuses it (decision 0094); and a refund the service is
// still working on when the tool gives up, its retry refused as "key in use" (decision 0103). Shared by
// test/own-agent-world-faults.test.ts and the seeds of test/own-agent-faults.long.ts.
const config = join(import.meta.dirname, '..', 'examples/refund-python/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }
interface Event { call?: { label: string; nth?: number }; outcome: string; hung?: { until: string }; keyReusedFrom?: number; keyInUseBy?: number; reason?: string }

async function runExample(tools: string, scenarios: string[], seed: number) {
  const out = join(mkdtempSync(join(tmpdir(), 'own-agent-world-')), 'run');
  const r = await agentcheck(['run', ...scenarios, '--config', config, '--seed', String(seed), '--out', out], { REFUND_TOOLS: tools, PAYMENTS_TIMEOUT_S: '2' });
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
  const by = Object.fromEntries(results.map((c) => [c.scenario, c]));
  const verdicts = (name: string) => ({ verdict: by[name].verdict, ...Object.fromEntries(by[name].properties.map((p) => [p.id, p.verdict])) });
  const evidence = (name: string, property: string) => by[name].properties.find((p) => p.id === property)!.evidence.map((e) => e.message);
  const calls = (name: string, label: string) => readFileSync(join(out, name, 'effects.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as Event).filter((e) => e.call?.label === label);
  return { r, verdicts, evidence, refunds: (name: string) => calls(name, 'POST payments.internal/v1/refunds'), modelCalls: (name: string) => calls(name, 'chat.completions') };
}

const allPass = { verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' };
const hungUntilGaveUp = { outcome: 'response-lost', hung: { until: 'caller-gave-up' } };

/**
 * The refund hangs: the keyed retry is deduplicated, the unkeyed one refunds twice; the
 * model hangs past the case's deadline: the run never completes, the held call named.
 */
export async function expectHangVerdicts(seed: number) {
  // Three runs at once: each mostly waits (on a timeout, or on its deadline).
  const [keyed, unkeyed, modelHangs] = await Promise.all([
    runExample('tools', ['refund-hangs'], seed),
    runExample('tools_without_key', ['refund-hangs'], seed),
    runExample('tools', ['model-hangs'], seed),
  ]);

  expect(keyed.verdicts('refund-hangs'), keyed.r.stderr).toEqual(allPass);
  expect(keyed.refunds('refund-hangs')[0]).toMatchObject(hungUntilGaveUp);
  expect(keyed.refunds('refund-hangs').at(-1)!.outcome).toBe('deduplicated');
  expect(keyed.r.exitCode).toBe(0);

  expect(unkeyed.verdicts('refund-hangs'), unkeyed.r.stderr).toEqual({ ...allPass, verdict: 'fail', 'effects-exactly-once': 'fail' });
  expect(unkeyed.refunds('refund-hangs')[0]).toMatchObject(hungUntilGaveUp);
  expect(unkeyed.refunds('refund-hangs').map((e) => e.outcome)).toContain('applied');
  expect(unkeyed.r.exitCode).toBe(1);

  // The openai client's default timeout (600 s) outlasts the case: held until it ended, named as the reason.
  expect(modelHangs.verdicts('model-hangs'), modelHangs.r.stderr).toMatchObject({ verdict: 'fail', completes: 'fail', 'effects-exactly-once': 'pass' });
  expect(modelHangs.modelCalls('model-hangs').at(-1)).toMatchObject({ outcome: 'response-lost', hung: { until: 'case-ended' } });
  expect(modelHangs.evidence('model-hangs', 'completes')[0]).toMatch(
    /^the model's last turn \(2\) never reached the agent: it was still waiting on chat\.completions #2 \(response-lost, held unanswered \d+\.\d s until the case ended\)/,
  );
  expect(modelHangs.r.exitCode).toBe(1);
}

/**
 * Two refunds in a run: keyed per tool call both take effect; keyed per customer the
 * second is refused (400 idempotency_error) and judged lost.
 */
export async function expectKeyReuseVerdicts(seed: number) {
  const [keyed, keyPerUser] = await Promise.all([runExample('tools', ['two-refunds'], seed), runExample('tools_key_per_user', ['two-refunds'], seed)]);
  expect(keyed.verdicts('two-refunds'), keyed.r.stderr).toEqual(allPass);
  expect(keyed.refunds('two-refunds').map((e) => e.outcome)).toEqual(['applied', 'applied']);
  // The tool retries the refused refund as any error: every try is refused, none takes effect, the run never ends.
  expect(keyPerUser.verdicts('two-refunds'), keyPerUser.r.stderr).toMatchObject({ verdict: 'fail', 'effects-exactly-once': 'fail', completes: 'fail' });
  const [first, ...rest] = keyPerUser.refunds('two-refunds');
  expect(first.outcome).toBe('applied');
  expect(rest.length).toBeGreaterThan(0);
  expect(rest.every((e) => e.outcome === 'failed' && e.keyReusedFrom === 1)).toBe(true);
  expect(keyPerUser.evidence('two-refunds', 'effects-exactly-once')[0]).toMatch(/^POST payments\.internal\/v1\/refunds #2 \(failed\) reused the idempotency key of #1 with a different request: the service refused it/);
}

/**
 * The refund is slow: the tool gives up after 2 s and tries again with the same key while
 * the first try is still in progress. Its retry is refused 409 "key in use" and nothing
 * happens for it; the first then takes effect. A tool that tries again after a pause gets the
 * first answer and the run completes; one that takes the 409 as final stops the run, the
 * refund made and never reported; one with no key refunds twice (`withoutKey`).
 */
export async function expectKeyInUseVerdicts(seed: number, { withoutKey = false } = {}) {
  const [retries, gives, unkeyed] = await Promise.all([
    runExample('tools', ['refund-slow'], seed),
    runExample('tools_retry_timeouts_only', ['refund-slow'], seed),
    withoutKey ? runExample('tools_without_key', ['refund-slow'], seed) : undefined,
  ]);
  const inUse = { call: { nth: 2 }, outcome: 'failed', keyInUseBy: 1, reason: 'idempotency key in use by #1, still in progress: refused' };
  const firstDone = (e: Event | undefined) => e?.call?.nth === 1 && ['applied', 'response-lost'].includes(e.outcome);

  // Recorded as each ends: the refused retry, then the first try (done once the retry was answered), then the retry that got its answer.
  expect(retries.verdicts('refund-slow'), retries.r.stderr).toEqual(allPass);
  const [refused, first, again, ...more] = retries.refunds('refund-slow');
  expect(refused).toMatchObject(inUse);
  expect(firstDone(first)).toBe(true);
  expect(again).toMatchObject({ call: { nth: 3 }, outcome: 'deduplicated' });
  expect(more).toEqual([]);
  expect(retries.r.exitCode).toBe(0);

  expect(gives.verdicts('refund-slow'), gives.r.stderr).toEqual({ ...allPass, verdict: 'fail', completes: 'fail' });
  const [refusedToo, firstToo, ...none] = gives.refunds('refund-slow');
  expect(refusedToo).toMatchObject(inUse);
  expect(firstDone(firstToo)).toBe(true);
  expect(none).toEqual([]);
  expect(gives.evidence('refund-slow', 'completes')[0]).toBe(
    "the model's last turn (2) was never asked for; the agent's last call was POST payments.internal/v1/refunds #2 (failed, key in use by #1, still in progress): it never tried again once #1 was done",
  );
  expect(gives.r.exitCode).toBe(1);

  if (!unkeyed) return;
  // No key, nothing to hold: the retry is a second refund, and the first one lands too.
  expect(unkeyed.verdicts('refund-slow'), unkeyed.r.stderr).toEqual({ ...allPass, verdict: 'fail', 'effects-exactly-once': 'fail' });
  expect(unkeyed.refunds('refund-slow').map((e) => e.keyInUseBy)).toEqual([undefined, undefined]);
  expect(unkeyed.refunds('refund-slow').every((e) => ['applied', 'response-lost'].includes(e.outcome))).toBe(true);
}
