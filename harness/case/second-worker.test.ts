import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../adapter.js';
import { loadAdapter } from '../load-adapter.js';
import { caseOf, runBuiltIns } from '../../test/helpers.js';

// The second-worker fault on the reference runtime: both workers really run at once,
// the human answers only once both are up, and a second worker that cannot start
// leaves the case undecided instead of judging a run that never had two workers.

describe('the second-worker fault', () => {
  it('has two workers up when the double approval arrives, and the reference resumes once', async () => {
    const report = await runBuiltIns('reference', ['approvals/approved-on-two-workers']);
    const c = caseOf(report, 'approvals/approved-on-two-workers');
    expect(c.verdict).toBe('pass');
    const events = readFileSync(join(c.dir, 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; event?: string; op?: string; phase?: string; at: number });
    const ready = events.filter((e) => e.type === 'worker' && e.event === 'ready');
    const answers = events.filter((e) => e.op === 'deliver-approval' && e.phase === 'invoke');
    expect(ready).toHaveLength(2);
    expect(answers).toHaveLength(2);
    // Both answers leave after the second worker is ready, and before the first is killed.
    const killed = events.find((e) => e.type === 'worker' && e.event === 'killed')!;
    for (const a of answers) expect(a.at).toBeGreaterThanOrEqual(ready[1]!.at);
    for (const a of answers) expect(a.at).toBeLessThan(killed.at);
  });

  it('leaves the case undecided, with the reason, when the second worker does not start', async () => {
    // A runtime whose second worker fails as it comes up (its start hook throws on the second start).
    const flaky = await onSecondStart('second-start-fails', () => Promise.reject(new Error('address already in use')));
    const report = await runBuiltIns(flaky, ['crash-recovery/second-worker-mid-run']);
    const c = caseOf(report, 'crash-recovery/second-worker-mid-run');
    expect(c.verdict).toBe('unknown');
    expect(c.error).toMatch(/a fault could not be injected: second-worker at during-effect of charge-cart: the second worker did not start: address already in use/);
  });

  it('holds the first worker\'s retries of the held call until a slow second worker is up: the case is decided', async () => {
    // The second worker takes 2.5 s to come up; the first gives up on the held charge
    // after its 1 s timeout and retries it. Those retries are held too, so it cannot
    // finish alone first (it used to, and the case was undecided on a loaded machine).
    const slow = await onSecondStart('second-start-slow', () => new Promise((r) => setTimeout(r, 2500)));
    const report = await runBuiltIns(slow, ['crash-recovery/second-worker-mid-run']);
    const c = caseOf(report, 'crash-recovery/second-worker-mid-run');
    expect(c.error).toBeUndefined();
    expect(c.verdict).toBe('pass');
    const history = readFileSync(join(c.dir, 'history.jsonl'), 'utf8');
    const effects = readFileSync(join(c.dir, 'effects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { stepId: string; outcome: string });
    // The first worker did retry the charge while the second was starting, and nothing took effect twice.
    expect(effects.filter((e) => e.stepId === 'charge-cart').length).toBeGreaterThan(1);
    expect(effects.filter((e) => e.stepId === 'charge-cart' && (e.outcome === 'applied' || e.outcome === 'response-lost'))).toHaveLength(1);
    expect(history).not.toContain('nothing ran beside it');
  });
});

/** The reference runtime, with `hook` run when its second worker has started (before the harness hears of it). */
async function onSecondStart(name: string, hook: () => Promise<unknown>): Promise<Adapter> {
  const reference = await loadAdapter('reference');
  return {
    ...reference,
    name,
    async openCase(ctx) {
      const rt = await reference.openCase(ctx);
      let starts = 0;
      return {
        ...rt,
        async workerStarted(payload: string) {
          if (++starts === 2) await hook();
          await rt.workerStarted?.(payload);
        },
      };
    },
  };
}
