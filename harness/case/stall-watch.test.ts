import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Adapter, CaseRuntime } from '../adapter.js';
import { loadAdapter } from '../load-adapter.js';
import { scenario } from '../checkers/fixtures.test-helpers.js';
import { HARNESS_STALL_LIMIT_MS } from '../timing.js';
import { runCase } from './run-case.js';
import { watchStalls } from './stall-watch.js';

// A case that failed while the harness's event loop was blocked is left undecided, with
// the stall in its metrics; a case that passed keeps its pass (decision 0121).

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a synchronous wait does to the harness: nothing else runs meanwhile. */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: as a synchronous SQLite busy wait was
  }
}

describe('watching the harness\'s event loop', () => {
  it('reports a stall within the watch, and none before it began', async () => {
    const before = watchStalls();
    blockFor(400);
    await sleep(60);
    const during = watchStalls();
    await sleep(120);
    const seen = before.longest();
    expect(seen.ms).toBeGreaterThanOrEqual(300);
    // The stall ended before `during` began: not its (a stall of the machine's own since may be).
    expect(during.longest().endedAt).not.toBe(seen.endedAt);
    before.stop();
    during.stop();
  });
});

describe('a case run while the harness was blocked', () => {
  const one = scenario({ plan: { name: 'one-read', steps: [{ kind: 'tool', id: 'look-up', tool: 'crm.lookup', mode: 'read' }] } });

  /** The reference runtime, optionally blocking the harness in its start, optionally reporting a wrong result. */
  async function adapter(opts: { blockMs: number; wrongResult: boolean }): Promise<Adapter> {
    const reference = await loadAdapter('reference');
    return {
      ...reference,
      openCase: async (ctx) => {
        const rt = await reference.openCase(ctx);
        const changed: CaseRuntime = {
          ...rt,
          startRun: async (runId) => {
            blockFor(opts.blockMs);
            return rt.startRun(runId);
          },
          awaitResult: async (runId, signal) => {
            const result = await rt.awaitResult(runId, signal);
            // A result with no step results: the run's output is not what its steps returned.
            return opts.wrongResult && result.status === 'completed' ? { ...result, output: { ...result.output, results: {} } } : result;
          },
        };
        return changed;
      },
    };
  }

  async function run(opts: { blockMs: number; wrongResult: boolean }) {
    const outDir = mkdtempSync(join(tmpdir(), 'agentcheck-stall-'));
    dirs.push(outDir);
    return runCase({ adapter: await adapter(opts), scenario: one, seed: 1, outDir, timeoutMs: 15_000, repro: '' });
  }

  it('fails as usual without a stall', async () => {
    const result = await run({ blockMs: 0, wrongResult: true });
    expect(result.verdict).toBe('fail');
    expect(result.properties.find((p) => p.id === 'correct-output')?.verdict).toBe('fail');
  });

  it('is undecided when it failed during a long stall, naming the stall and what failed', async () => {
    const result = await run({ blockMs: HARNESS_STALL_LIMIT_MS + 300, wrongResult: true });
    expect(result.verdict).toBe('unknown');
    expect(result.error).toMatch(/the harness's event loop was blocked \d+ ms during the case .*correct-output.* is not a verdict on reference/);
    expect(result.metrics?.harnessStallMs).toBeGreaterThanOrEqual(HARNESS_STALL_LIMIT_MS);
  });

  it('keeps a pass made during a long stall, and says the stall in its metrics', async () => {
    const result = await run({ blockMs: HARNESS_STALL_LIMIT_MS + 300, wrongResult: false });
    expect(result.verdict).toBe('pass');
    expect(result.metrics?.harnessStallMs).toBeGreaterThanOrEqual(HARNESS_STALL_LIMIT_MS);
  });
});
