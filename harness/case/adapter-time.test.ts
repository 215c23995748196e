import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../adapter.js';
import { loadAdapter } from '../load-adapter.js';
import { scenario } from '../checkers/fixtures.test-helpers.js';
import { runCase } from './run-case.js';

// A case's metrics say how long the adapter's openCase and close took (`adapterMs`): the
// runtime's own setup and teardown, which the bench counts apart from the harness's
// overhead (docs/performance.md). The reference runtime, slowed in both by a known time.
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the adapter\'s own time in a case', () => {
  it('counts openCase and close, and nothing else', async () => {
    const reference = await loadAdapter('reference');
    const slow: Adapter = {
      ...reference,
      openCase: async (ctx) => {
        await sleep(300);
        const rt = await reference.openCase(ctx);
        return { ...rt, close: async () => (await sleep(200), rt.close()) };
      },
    };
    const outDir = mkdtempSync(join(tmpdir(), 'agentcheck-adapter-time-'));
    dirs.push(outDir);
    const one = scenario({ plan: { name: 'one-read', steps: [{ kind: 'tool', id: 'look-up', tool: 'crm.lookup', mode: 'read' }] } });
    const result = await runCase({ adapter: slow, scenario: one, seed: 1, outDir, timeoutMs: 10_000, repro: '' });
    expect(result.verdict).toBe('pass');
    const m = result.metrics!;
    expect(m.adapterMs).toBeGreaterThanOrEqual(500);
    // The workers' start and the run are the case's, not the adapter's.
    expect(m.adapterMs).toBeLessThan(m.durationMs);
  });
});
