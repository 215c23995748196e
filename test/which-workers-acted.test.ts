import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseOf, effectsOfRuns, runBuiltIns } from './helpers.js';

// Which of two workers acted (decision 0114) is said from the pids on the ledger's calls.
// Which shape the reference's runs take is up to its lease and the machine's load, so this
// asserts no shape: only that what each case says is what its record shows, both ways.
describe('observed: which workers acted in a second-worker case', () => {
  it('the reference: each case says "only the first acted" exactly when the second made no call', async () => {
    const report = await runBuiltIns('reference', ['crash-recovery/second-worker-mid-run', 'approvals/approved-on-two-workers'], { seed: 1, concurrency: 1 });
    for (const id of ['crash-recovery/second-worker-mid-run', 'approvals/approved-on-two-workers']) {
      const c = caseOf(report, id);
      expect(c.verdict).toBe('pass');
      const ready = readFileSync(join(c.dir, 'history.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string; event?: string; pid?: number })
        .filter((e) => e.type === 'worker' && e.event === 'ready');
      // The second worker is the second one ready: no crash in these cases starts another.
      const second = ready[1]?.pid;
      expect(second).toBeGreaterThan(0);
      const secondCalled = effectsOfRuns(report, id)[0]!.some((e) => e.pid === second);
      const said = (c.observed ?? []).some((o) => o.includes(`only the first worker acted: the second (pid ${second}) made no call`));
      expect(said).toBe(!secondCalled);
    }
  });
});
