import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CaseRuntime } from '../adapter.js';
import { HistoryLog } from '../history.js';
import { startLedger } from '../ledger/server.js';
import { liveProcesses } from '../process/supervisor.js';
import { WorkerSlot } from './workers.js';

it('kills a worker that became ready only after the case ended, so nothing outlives the case', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-workers-'));
  const ledger = await startLedger({ file: join(dir, 'effects.jsonl') });
  const log = new HistoryLog(join(dir, 'history.jsonl'));
  const none = () => Promise.reject(new Error('not used here'));
  // `node -e <code>`: a worker that is ready 300 ms after spawn and then runs forever.
  const slow = 'setTimeout(() => console.log("agentcheck:ready"), 300); setInterval(() => undefined, 1000);';
  const rt: CaseRuntime = { worker: { script: '-e', args: [slow] }, startRun: none, deliverApproval: none, awaitResult: none, close: async () => undefined };
  const workers = new WorkerSlot(rt, ledger, dir, log, 'test');
  try {
    const starting = workers.start();
    // The case ends (its deadline passed) while the worker is still starting.
    await workers.stop();
    await starting;
    expect(liveProcesses()).toEqual([]);
    expect(log.events.filter((e) => e.type === 'worker').map((e) => (e.type === 'worker' ? e.event : ''))).toEqual(['spawned', 'stopped']);
  } finally {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
