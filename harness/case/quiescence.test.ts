import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRuntime } from '../adapter.js';
import { HistoryLog } from '../history.js';
import { startLedger, type Ledger } from '../ledger/server.js';
import { awaitQuiescence, bothIdle } from './quiescence.js';
import { WorkerSlot } from './workers.js';

// Causal quiescence (decision 0050): a case is judged as soon as its workers said they
// are idle after the harness's last action, so a stray effect that comes late (a
// duplicate run still going) must still be in the record when the case is judged.

const worker = join(import.meta.dirname, 'late-effect-worker.test-helpers.mjs');
const open: { ledger: Ledger; workers: WorkerSlot; dir: string }[] = [];

async function caseWith(reportsIdle: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-quiescence-'));
  const ledger = await startLedger({ file: join(dir, 'effects.jsonl') });
  const log = new HistoryLog(join(dir, 'history.jsonl'));
  const none = () => Promise.reject(new Error('not used here'));
  const rt: CaseRuntime = { worker: { script: worker, reportsIdle }, startRun: none, deliverApproval: none, awaitResult: none, close: async () => undefined };
  const workers = new WorkerSlot(rt, ledger, dir, log, 'test');
  open.push({ ledger, workers, dir });
  await workers.start();
  return { dir, ledger, log, workers };
}

/** The harness's action: the runtime gets work (here: a file the worker looks for). */
function act(c: { dir: string; log: HistoryLog }) {
  writeFileSync(join(c.dir, 'start'), '');
  c.log.add({ type: 'op', at: Date.now(), op: 'start-run', phase: 'ok', run: 'run-1' });
}

afterEach(async () => {
  for (const { ledger, workers, dir } of open.splice(0)) {
    await workers.stop();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('causal quiescence', () => {
  it('waits for an effect a busy worker makes long after the last action', async () => {
    const c = await caseWith(true);
    while (c.workers.allIdle() !== true) await new Promise((r) => setTimeout(r, 5));
    act(c);
    // An idle report from before the action does not count: the action may have given it work.
    expect(c.workers.allIdle()).toBe(false);
    await awaitQuiescence(c.ledger, c.workers, 0);
    expect(c.ledger.events.map((e) => e.stepId)).toEqual(['late-charge']);
    expect(c.workers.allIdle()).toBe(true);
  });

  it('does not judge on idle reports of a worker that does not declare them', async () => {
    const c = await caseWith(false);
    expect(c.workers.allIdle()).toBe('unknown');
  });

  it('counts an exited worker as idle', async () => {
    const c = await caseWith(true);
    await c.workers.crash('test');
    expect(c.workers.allIdle()).toBe(true);
  });
});

describe('with a worker for child runs (decision 0110)', () => {
  const says = (v: boolean | 'unknown') => ({ allIdle: () => v });
  it('is idle only when both workers are, and unknown when either cannot say', () => {
    expect(bothIdle(says(true), says(true)).allIdle()).toBe(true);
    expect(bothIdle(says(true), says(false)).allIdle()).toBe(false);
    expect(bothIdle(says(false), says(true)).allIdle()).toBe(false);
    expect(bothIdle(says(true), says('unknown')).allIdle()).toBe('unknown');
    expect(bothIdle(says(false)).allIdle()).toBe(false);
  });
});
