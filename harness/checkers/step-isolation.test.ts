import { describe, expect, it } from 'vitest';
import { RECORD_GRACE_MS } from '../timing.js';
import { stepIsolation } from './step-isolation.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';

const chain = scenario({
  plan: {
    name: 'chain',
    steps: [
      { kind: 'llm', id: 'outline', tokens: 3000 },
      { kind: 'llm', id: 'write' },
      { kind: 'tool', id: 'publish', tool: 'wiki', mode: 'write' },
    ],
  },
  faults: [{ kind: 'crash-worker', step: 'write', at: 'after-effect' }],
});

describe('step-isolation', () => {
  it('passes when only the step cut off by the crash runs again', () => {
    const input = new HistoryBuilder()
      .effect('outline', 'applied', 0, { pid: 1, kind: 'llm' })
      .effect('write', 'response-lost', 10, { pid: 1, kind: 'llm' })
      .killed(1, 12)
      .ready(2, 300)
      .effect('write', 'applied', 310, { pid: 2, kind: 'llm' })
      .effect('publish', 'applied', 320, { pid: 2 })
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('pass');
  });

  it('fails when a completed step runs again after a restart, with the wasted tokens', () => {
    const input = new HistoryBuilder()
      .effect('outline', 'applied', 0, { pid: 1, kind: 'llm' })
      .effect('write', 'response-lost', 10, { pid: 1, kind: 'llm' })
      .killed(1, 12)
      .effect('outline', 'applied', 310, { pid: 2, kind: 'llm' })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'outline', attempts: [1, 2] });
    expect(r.evidence[0].message).toContain('3000 tokens wasted');
  });

  it('counts a step as completed once the worker outlived its answer by the grace period', () => {
    const input = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1 })
      .killed(1, RECORD_GRACE_MS + 5)
      .effect('publish', 'applied', RECORD_GRACE_MS + 100, { pid: 2 })
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('fail');
  });

  it('counts a killed worker\'s time up to the SIGKILL, not up to when the harness saw it gone', () => {
    // Seen in explore at load 4: SIGKILL 76 ms after the answer, the exit noticed 193 ms
    // later. The worker ran 76 ms, not 269: re-running the step is a legitimate retry.
    const input = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1 })
      .killed(1, 76, 193)
      .effect('publish', 'deduplicated', 1400, { pid: 2 })
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('pass');
    // Killed after the grace, the same re-run is a replay of finished work.
    const late = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1 })
      .killed(1, RECORD_GRACE_MS + 5, 193)
      .effect('publish', 'deduplicated', 1400, { pid: 2 })
      .input(chain);
    expect(stepIsolation.check(late)?.verdict).toBe('fail');
  });

  it('allows a re-run when the worker died right after the answer, before it could record it', () => {
    const input = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1 })
      .killed(1, 5)
      .effect('publish', 'deduplicated', 300, { pid: 2 })
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('pass');
  });

  // Decision 0054: a worker whose client timed out on a starved event loop drops an answer
  // the ledger wrote to its still-open socket, and tells the ledger so.
  it('allows a re-run by another worker after the first worker abandoned the answer unread', () => {
    // Worker 1 lives on (its lease lost while it was starved) and never records the step; worker 2 retries it.
    const input = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1, key: 'k', took: 900, abandonedAt: 1100 })
      .effect('publish', 'deduplicated', 1400, { pid: 2, key: 'k' })
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('pass');
  });

  it('fails the same re-run when the first worker read the answer (no abandonment)', () => {
    const input = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1, key: 'k', took: 900 })
      .effect('publish', 'deduplicated', 1400, { pid: 2, key: 'k' })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'publish', attempts: [1, 2] });
  });

  it('fails a re-run after a retry whose answer the worker read, even when an earlier attempt was abandoned', () => {
    const input = new HistoryBuilder()
      .effect('publish', 'applied', 0, { pid: 1, key: 'k', took: 900, abandonedAt: 1100 })
      .effect('publish', 'deduplicated', 1150, { pid: 1, key: 'k' })
      .effect('publish', 'deduplicated', 1600, { pid: 2, key: 'k' })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'publish', attempts: [2, 3] });
    expect(r.evidence[0].message).toContain('ran again 1x');
  });

  it('allows a re-run by a second worker while the worker holding the answer is frozen', () => {
    // The first worker stalled (SIGSTOP) before it could record the answer; a second took the run over.
    const input = new HistoryBuilder()
      .frozen(1, 0)
      .effect('publish', 'applied', 5, { pid: 1 })
      .ready(2, 100)
      .effect('publish', 'deduplicated', 500, { pid: 2 })
      .thawed(1, 1500)
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('pass');
  });

  it('fails a re-run that comes after the frozen worker woke up and had time to record the answer', () => {
    const input = new HistoryBuilder()
      .frozen(1, 0)
      .effect('publish', 'applied', 5, { pid: 1 })
      .thawed(1, 1500)
      .effect('publish', 'applied', 1500 + RECORD_GRACE_MS + 50, { pid: 2 })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'publish', attempts: [1, 2] });
  });

  it('a worker frozen and killed without waking never had the answer in hand', () => {
    const input = new HistoryBuilder()
      .frozen(1, 0)
      .effect('publish', 'applied', 5, { pid: 1 })
      .killed(1, 2000)
      .effect('publish', 'deduplicated', 2300, { pid: 2 })
      .input(chain);
    expect(stepIsolation.check(input)?.verdict).toBe('pass');
  });

  it('a freeze right after the answer leaves the worker no time to record it: a re-run meanwhile is a takeover', () => {
    // The answer reached worker 1 just before it stalled; worker 2 took the run over and re-ran the step.
    const frozenSoon = () =>
      new HistoryBuilder()
        .effect('publish', 'applied', 0, { pid: 1 })
        .frozen(1, 3)
        .thawed(1, 600);
    expect(stepIsolation.check(frozenSoon().effect('publish', 'deduplicated', 300, { pid: 2 }).input(chain))?.verdict).toBe('pass');
    // Once it has run 250 ms in all (3 ms before the stall, 247 after it), a re-run is of a completed step.
    expect(stepIsolation.check(frozenSoon().effect('publish', 'deduplicated', 900, { pid: 2 }).input(chain))?.verdict).toBe('fail');
  });

  it('a worker frozen and woken before the answer came is judged as if never frozen', () => {
    const input = new HistoryBuilder()
      .frozen(1, 0)
      .thawed(1, 50)
      .effect('publish', 'applied', 100, { pid: 1 })
      .effect('publish', 'applied', 200, { pid: 2 })
      .input(chain);
    // Worker 1 had the answer in hand and lived on: worker 2's call is a re-run of finished work.
    expect(stepIsolation.check(input)?.verdict).toBe('fail');
  });

  it('fails a zombie that acts on a step another worker completed while it was frozen, even deduplicated', () => {
    // The zombie's own answer came while it was frozen (its grace starts at the thaw);
    // worker 2 completed and recorded the step long before. The old rule took the zombie's
    // answer, first in list order, as the completion, and passed.
    const input = new HistoryBuilder()
      .frozen(1, 0)
      .effect('publish', 'applied', 5, { pid: 1, key: 'k' })
      .ready(2, 100)
      .effect('publish', 'deduplicated', 500, { pid: 2, key: 'k' })
      .thawed(1, 1500)
      .effect('publish', 'deduplicated', 1510, { pid: 1, key: 'k' })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'publish', attempts: [2, 3] });
  });

  it('fails one step in flight on two live workers at once (split brain), naming both attempts', () => {
    const input = new HistoryBuilder()
      .effect('outline', 'applied', 0, { pid: 1, kind: 'llm', took: 400 })
      .effect('outline', 'applied', 100, { pid: 2, kind: 'llm', took: 50 })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'outline', attempts: [1, 2] });
    expect(r.evidence[0].message).toContain('two live workers at once');
  });

  it('an overlap with a frozen or killed worker is a takeover, not split brain', () => {
    const frozen = new HistoryBuilder()
      .frozen(1, 50)
      .effect('outline', 'applied', 0, { pid: 1, kind: 'llm', took: 400 })
      .effect('outline', 'applied', 100, { pid: 2, kind: 'llm', took: 50 })
      .input(chain);
    expect(stepIsolation.check(frozen)?.verdict).toBe('pass');
    const killed = new HistoryBuilder()
      .effect('outline', 'response-lost', 0, { pid: 1, kind: 'llm', took: 400 })
      .killed(1, 50)
      .effect('outline', 'applied', 100, { pid: 2, kind: 'llm', took: 50 })
      .input(chain);
    expect(stepIsolation.check(killed)?.verdict).toBe('pass');
  });

  it('a later completion on another worker does not excuse a re-run after an earlier one', () => {
    // Worker 1 had the answer at 100 and lived on; worker 3's call at 150 re-ran finished work,
    // though worker 2 also completed the step (its next step came at 210).
    const input = new HistoryBuilder()
      .effect('write', 'applied', 100, { pid: 1, kind: 'llm' })
      .effect('write', 'applied', 150, { pid: 3, kind: 'llm', took: 10 })
      .effect('write', 'applied', 200, { pid: 2, kind: 'llm' })
      .effect('publish', 'applied', 210, { pid: 2 })
      .input(chain);
    const r = stepIsolation.check(input)!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0]).toMatchObject({ step: 'write', attempts: [1, 2, 3] });
  });
});
