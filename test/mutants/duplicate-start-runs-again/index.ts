// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/duplicate-start-runs-again/index.ts` (after `npm run build`).
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Adapter } from '../../../harness/index.js';
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';
import { withoutBlocking } from '../../../dist/adapters/reference/harness-side.js';

const base = referenceAdapter({ name: 'mutant-duplicate-start-runs-again', description: 'a second start of the same run id begins a fresh execution of it' });

/** The start is the adapter's side, not a worker part: this mutant swaps it here. */
export const adapter: Adapter = {
  ...base,
  async openCase(ctx) {
    const rt = await base.openCase(ctx);
    // No busy_timeout: a worker frozen in a write must not stall the harness (decision 0120).
    const db = new DatabaseSync(join(ctx.dir, 'runtime.db'));
    const started = new Set<string>();
    return {
      ...rt,
      async startRun(runId) {
        if (!started.has(runId)) {
          started.add(runId);
          return rt.startRun(runId);
        }
        // The bug: a duplicate start is a new execution of the same id, from its first step.
        await withoutBlocking(() => {
          db.exec('BEGIN IMMEDIATE');
          db.prepare('DELETE FROM steps WHERE run_id = ?').run(runId);
          db.prepare("UPDATE runs SET status = 'running', owner = NULL, lease_until = NULL WHERE id = ?").run(runId);
          db.exec('COMMIT');
        });
      },
      async close() {
        db.close();
        await rt.close();
      },
    };
  },
};
