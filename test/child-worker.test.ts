import { describe, expect, it } from 'vitest';
import { CHILD_WORKER_CASE as ID, expectChildWorkerKilledAlone } from './child-worker-record.js';
import { caseOf, runBuiltIns } from './helpers.js';

// A child run on a worker process of its own (decision 0110): the crash anchored in the
// child's plan kills that process alone, the parent's worker lives on and waits for the
// child's recovery. The known-bad side is the zoo's silent-child-replaced (test/zoo.test.ts);
// Temporal's verdict is asserted in its whole-suite test (test/temporal.test.ts).

describe('a child on a worker of its own (reference runtime)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: only the child's worker dies, the parent's waits, and the case passes`, async () => {
      const report = await runBuiltIns('reference', [ID], { seed, concurrency: 1 });
      expect(caseOf(report, ID).verdict).toBe('pass');
      expectChildWorkerKilledAlone(report);
    });
  }
});
