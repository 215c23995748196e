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

it('retires on the worker\'s own report: `until` sees an idle report the moment it is printed, with no timer of its own', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-workers-'));
  const ledger = await startLedger({ file: join(dir, 'effects.jsonl') });
  const log = new HistoryLog(join(dir, 'history.jsonl'));
  const none = () => Promise.reject(new Error('not used here'));
  // Ready, then busy; idle only once sent SIGUSR2: nothing else can make it idle.
  const worker = `process.on("SIGUSR2", () => console.log("agentcheck:idle " + Date.now()));
    console.log("agentcheck:ready"); console.log("agentcheck:busy " + Date.now()); setInterval(() => undefined, 1000);`;
  const rt: CaseRuntime = { worker: { script: '-e', args: [worker], reportsIdle: true }, startRun: none, deliverApproval: none, awaitResult: none, close: async () => undefined };
  const workers = new WorkerSlot(rt, ledger, dir, log, 'test');
  try {
    await workers.start();
    const proc = workers.current!;
    let seen = false;
    const never = new Promise<void>(() => undefined);
    const idle = workers.until(() => workers.idle(proc), never).then(() => (seen = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toBe(false);
    process.kill(proc.pid, 'SIGUSR2');
    await idle;
    expect(workers.idle(proc)).toBe(true);
    // A condition that never holds ends with `giveUp`.
    await workers.until(() => false, Promise.resolve());
  } finally {
    await workers.stop();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
