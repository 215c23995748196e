import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { READY_MARKER, type CaseRuntime, type NodeWorker } from '../adapter.js';
import { HistoryLog } from '../history.js';
import { startLedger } from '../ledger/server.js';
import { liveProcesses } from '../process/supervisor.js';
import { handOver, SparePool } from './spares.js';
import { WorkerSlot } from './workers.js';

// A worker that speaks the spare protocol by hand and reports, in its ready line, what
// it knew before its hand-over and what it was given.
// Its adapter env names the case, as Temporal's task queue does.
const spec: NodeWorker = { script: join(import.meta.dirname, 'spare-worker.test-helpers.mjs'), args: ['journal.db'], env: { MY_QUEUE: 'queue-a' }, waitsForCase: true };
interface Payload {
  pid: number;
  before: { ledger: string | null; queue: string | null; cwd: string; traces: string | null };
  ledger: string | null;
  queue: string | null;
  cwd: string;
  args: string[];
}
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'agentcheck-spares-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until(holds: () => boolean): Promise<void> {
  // Bounded only so a broken pool fails the test instead of hanging it; no timing is asserted.
  for (const end = Date.now() + 15_000; !holds(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) throw new Error('timed out waiting');
}

async function give(spare: Awaited<ReturnType<SparePool['take']>>, caseDir: string, args: string[]) {
  mkdirSync(caseDir, { recursive: true });
  const env = { MY_QUEUE: `queue-${args[0]}`, AGENTCHECK_LEDGER_URL: `http://127.0.0.1:1/${args[0]}` };
  const { ready, warmMs } = await handOver(spare, { env, cwd: caseDir, args }, { name: 'worker 1', logFile: join(caseDir, 'worker-1.log'), readyPrefix: READY_MARKER });
  return { payload: JSON.parse(ready) as Payload, warmMs };
}

it('hands each case a fresh process that knew nothing of it before, and keeps one loading in its place', async () => {
  const dir = tempDir();
  const pool = new SparePool({ dir: join(dir, 'spares'), size: 1 });
  try {
    const a = await pool.take(spec, false);
    const first = await give(a, join(dir, 'case-a'), ['a.db']);
    expect(first.payload).toMatchObject({ pid: a.process.pid, before: { ledger: null, queue: null, cwd: join(dir, 'spares') }, ledger: 'http://127.0.0.1:1/a.db', queue: 'queue-a.db', cwd: join(dir, 'case-a'), args: ['a.db'] });
    // Once the taken one has loaded, another is spawned to wait; a case whose adapter env differs still takes it.
    await until(() => pool.size === 1);
    const b = await pool.take({ ...spec, env: { MY_QUEUE: 'queue-b' } }, false);
    expect(b.process.pid).not.toBe(a.process.pid);
    await b.loaded;
    const second = await give(b, join(dir, 'case-b'), ['b.db']);
    expect(second.payload).toMatchObject({ pid: b.process.pid, before: { ledger: null, queue: null }, ledger: 'http://127.0.0.1:1/b.db', queue: 'queue-b.db', cwd: join(dir, 'case-b'), args: ['b.db'] });
    expect(b.loadedAt).toBeDefined();
    expect(second.warmMs).toBe(b.loadedAt! - b.spawnedAt);
    // A crash is a SIGKILL of that very process; the other case's worker is untouched.
    expect(await a.process.kill()).toMatchObject({ signal: 'SIGKILL' });
    expect(b.process.alive()).toBe(true);
    await b.process.kill();
  } finally {
    await pool.close();
  }
  expect(liveProcesses()).toEqual([]);
});

it('never hands out a spare that died while waiting; spawns the next with the tracing hint; close() kills the waiting ones', async () => {
  const dir = tempDir();
  const pool = new SparePool({ dir: join(dir, 'spares'), size: 1 });
  const a = await pool.take(spec, true);
  await until(() => pool.size === 1);
  const waiting = liveProcesses().find((p) => p.pid !== a.process.pid)!;
  await waiting.kill();
  const b = await pool.take(spec, true);
  expect([a.process.pid, waiting.pid]).not.toContain(b.process.pid);
  const { payload } = await give(b, join(dir, 'case-b'), ['b.db']);
  expect(payload.pid).toBe(b.process.pid);
  // The spare spawned after a traced case's take was told to load its tracing ahead.
  expect(payload.before.traces).toBe('1');
  await until(() => pool.size === 1);
  await pool.close();
  // Only the two taken ones are left: they are their cases', stopped by them.
  expect(liveProcesses().map((p) => p.pid).sort()).toEqual([a.process.pid, b.process.pid].sort());
  await Promise.all([a.process.kill(), b.process.kill()]);
  await expect(pool.take(spec, false)).rejects.toThrow(/run is over/);
  expect(liveProcesses()).toEqual([]);
});

it('a case counts only the wait after its hand-over as its worker start; a crash kills the spare it took, and the restart takes another', async () => {
  const dir = tempDir();
  const ledger = await startLedger({ file: join(dir, 'effects.jsonl') });
  const log = new HistoryLog(join(dir, 'history.jsonl'));
  const none = () => Promise.reject(new Error('not used here'));
  const told: Payload[] = [];
  const rt: CaseRuntime = { worker: spec, workerStarted: async (p) => void told.push(JSON.parse(p) as Payload), startRun: none, deliverApproval: none, awaitResult: none, close: async () => undefined };
  const pool = new SparePool({ dir: join(dir, 'spares'), size: 1 });
  const workers = new WorkerSlot(rt, ledger, dir, log, 'test', {}, pool);
  try {
    await workers.start();
    const first = workers.current!;
    await until(() => pool.size === 1);
    const spareSpawned = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    await workers.crash('test crash');
    await workers.start();
    const second = workers.current!;
    expect(second.pid).not.toBe(first.pid);
    expect(first.alive()).toBe(false);
    const events = log.events.flatMap((e) => (e.type === 'worker' ? [e] : []));
    expect(events.map((e) => e.event)).toEqual(['spawned', 'ready', 'killed', 'spawned', 'ready']);
    // The restart's `spawned` is when the case asked, after the spare had been loading: its start-up is the hand-over's.
    expect(events[3]!.at).toBeGreaterThan(spareSpawned);
    expect(events[4]).toMatchObject({ pid: second.pid, warmMs: expect.any(Number) });
    expect(events[4]!.warmMs).toBeGreaterThan(0);
    // Each was handed the case: its folder, the adapter's env and the ledger, none of which it had before.
    expect(told.map((p) => [p.before.queue, p.before.ledger, p.queue, p.ledger, p.cwd])).toEqual([0, 1].map(() => [null, null, 'queue-a', ledger.url, dir]));
  } finally {
    await workers.stop();
    await pool.close();
    await ledger.close();
  }
  expect(liveProcesses()).toEqual([]);
});

it('does not keep spawning a worker that dies while loading', async () => {
  const dir = tempDir();
  const pool = new SparePool({ dir: join(dir, 'spares'), size: 3 });
  // A spare is spawned without its args, so this is `node -e` with no code: it exits at once, never loaded.
  const broken: NodeWorker = { script: '-e', args: ['unused'], waitsForCase: true };
  const spare = await pool.take(broken, false);
  await spare.loaded;
  expect(spare.loadedAt).toBeUndefined();
  await new Promise((r) => setTimeout(r, 500));
  await pool.close();
  // Its own, and at most one spawned to wait: no churn of dying processes.
  expect(readdirSync(join(dir, 'spares')).length).toBeLessThanOrEqual(2);
  expect(liveProcesses()).toEqual([]);
});
