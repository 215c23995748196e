import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseContext } from '../../harness/adapter.js';
import { referenceAdapter } from './adapter.js';
import { openForHarness, withoutBlocking } from './harness-side.js';
import { openJournal } from './journal.js';

// The harness's statements on a case's journal wait for a worker's write lock without
// blocking the harness's event loop (decision 0120): before, a worker frozen inside a
// write stalled every case of the run for SQLite's 5 s busy_timeout.

const dirs: string[] = [];
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function caseDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-harness-side-'));
  dirs.push(dir);
  return dir;
}

/** Another process (a worker, as far as SQLite knows) holds the journal's write lock for `holdMs`, then commits. */
function holdWriteLock(file: string, holdMs: number): Promise<void> {
  const script = `
    import { DatabaseSync } from 'node:sqlite';
    const db = new DatabaseSync(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    db.exec("UPDATE runs SET owner = 'worker' WHERE id = 'first'");
    console.log('holding');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited (${code}) before it held the lock`)));
  });
}

/** The longest gap between ticks of a 20 ms timer while `work` runs: how long the event loop was blocked. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 20);
  try {
    const result = await work();
    return { result, stallMs: Math.max(stallMs, performance.now() - last) };
  } finally {
    clearInterval(tick);
  }
}

describe("the harness's side of the reference journal", () => {
  it('starts a run and delivers an answer while a worker holds the write lock, without blocking the event loop', async () => {
    const dir = caseDir();
    const ctx = { caseId: 'c', dir, plan: { name: 'p', steps: [{ kind: 'approval', id: 'ok', timeoutMs: 1000, onTimeout: 'reject', approved: [], rejected: [] }] }, faults: [], salt: '00', ledger: { url: 'http://127.0.0.1:9/', token: 't' } } as unknown as CaseContext;
    const rt = await referenceAdapter({ name: 'reference', description: '' }).openCase(ctx);
    try {
      await rt.startRun('first');
      await holdWriteLock(join(dir, 'runtime.db'), 1200);
      const started = performance.now();
      const { stallMs } = await longestStall(async () => {
        await rt.startRun('second');
        await rt.deliverApproval('second', 'ok', 'approve');
      });
      // Both waited for the lock (held ~1.2 s), and the event loop went on meanwhile.
      expect(performance.now() - started).toBeGreaterThan(800);
      expect(stallMs).toBeLessThan(800);
      const db = openJournal(join(dir, 'runtime.db'));
      expect(db.prepare("SELECT id FROM runs WHERE id = 'second'").all()).toHaveLength(1);
      expect(db.prepare("SELECT decision FROM inbox WHERE run_id = 'second'").all()).toEqual([{ decision: 'approve' }]);
      db.close();
    } finally {
      await rt.close();
    }
  });

  it('fails with the lock\'s error once the lock outlasts the limit, and at once on any other error', async () => {
    const file = join(caseDir(), 'runtime.db');
    const db = openForHarness(file);
    db.exec("INSERT INTO runs (id, plan, status, created_at) VALUES ('first', '{}', 'running', 0)");
    await holdWriteLock(file, 3000);
    const insert = db.prepare("INSERT INTO inbox (run_id, step_id, decision, received_at) VALUES ('first', 's', 'approve', 0)");
    const { result, stallMs } = await longestStall(() => withoutBlocking(() => insert.run(), 300).then(() => 'written', (err: Error) => err.message));
    expect(result).toMatch(/database is locked/);
    expect(stallMs).toBeLessThan(1000);
    const started = performance.now();
    await expect(withoutBlocking(() => db.prepare('SELECT * FROM no_such_table').all())).rejects.toThrow(/no such table/);
    expect(performance.now() - started).toBeLessThan(250);
    db.close();
  });
});
