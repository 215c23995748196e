import type { DatabaseSync } from 'node:sqlite';
import { sleep } from '../../harness/kit.js';
import { openJournal } from './journal.js';

// The harness's own connection to a case's journal. node:sqlite is synchronous: a write
// that meets a worker's write lock waits inside SQLite (busy_timeout), and with it the
// harness's whole event loop, every case of the run at once. A worker frozen by a fault
// (SIGSTOP) in the middle of a write holds that lock until it is thawed, and the thaw is
// a timer of that same event loop: seen in explore at 8 at a time, a duplicate start
// stalled the harness 5 s, the freeze lasted 5.2 s instead of 663 ms, and two other cases
// failed on timings the stall made (decision 0120). So the harness never lets SQLite
// wait: a busy statement is tried again after a timer, and other work goes on meanwhile.

/** How long a statement may find the journal locked before it fails, as busy_timeout did. */
const GIVE_UP_MS = 5000;

/** The journal, opened for the harness: a locked database is an error at once, never a wait. */
export function openForHarness(file: string): DatabaseSync {
  const db = openJournal(file);
  db.exec('PRAGMA busy_timeout = 0');
  return db;
}

/** SQLITE_BUSY, or SQLITE_LOCKED: another connection holds the lock (primary result code 5 or 6). */
function isLocked(err: unknown): boolean {
  const code = (err as { errcode?: unknown } | undefined)?.errcode;
  return typeof code === 'number' && ((code & 0xff) === 5 || (code & 0xff) === 6);
}

/**
 * Run one statement of the harness's, trying again while the journal is locked, without
 * blocking the event loop; past `giveUpMs` the lock's error is thrown. A statement that
 * found the lock taken did nothing (autocommit), so trying it again is safe.
 */
export async function withoutBlocking<T>(statement: () => T, giveUpMs = GIVE_UP_MS): Promise<T> {
  const deadline = Date.now() + giveUpMs;
  for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, 20)) {
    try {
      return statement();
    } catch (err) {
      if (!isLocked(err) || Date.now() >= deadline) throw err;
    }
    await sleep(waitMs);
  }
}
