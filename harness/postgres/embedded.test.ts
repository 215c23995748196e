import { execa } from 'execa';
import { chmodSync, chownSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binaries, EmbeddedPostgresError, postgresUser, reachable, startEmbeddedPostgres } from './embedded.js';

// Run as root from a checkout only root may enter (a 0700 temp folder), the `postgres`
// user could not execute the binaries under node_modules, and initdb said only
// "could not start". The binaries are now copied where that user can run them.

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the embedded Postgres binaries', () => {
  it('are run where the postgres user can reach them, copied when the install is behind a folder only root may enter', async () => {
    const installed = await binaries();
    const user = await postgresUser();
    const serverDir = mkdtempSync(join(tmpdir(), 'agentcheck-pg-test-'));
    made.push(serverDir);
    if (user.uid === undefined) {
      // Not root: Postgres runs as us, and what npm installed is used as it is.
      expect(await reachable(installed, serverDir, user)).toEqual(installed);
      return;
    }
    chownSync(serverDir, user.uid, user.gid!);
    const hidden = mkdtempSync(join(tmpdir(), 'agentcheck-pg-hidden-'));
    made.push(hidden);
    chmodSync(hidden, 0o700);
    cpSync(dirname(dirname(installed.initdb)), join(hidden, 'native'), { recursive: true, verbatimSymlinks: true });
    const behind = { initdb: join(hidden, 'native', 'bin', 'initdb'), postgres: join(hidden, 'native', 'bin', 'postgres') };
    // The situation reproduces: as postgres, the hidden initdb cannot be run.
    expect((await execa(behind.initdb, ['--version'], { uid: user.uid, gid: user.gid, reject: false })).failed).toBe(true);
    const got = await reachable(behind, serverDir, user);
    expect(got.initdb.startsWith(serverDir)).toBe(true);
    const run = await execa(got.initdb, ['--version'], { uid: user.uid, gid: user.gid });
    expect(run.stdout).toMatch(/initdb \(PostgreSQL\) \d+/);
    // Reachable binaries are used where they are.
    chmodSync(hidden, 0o755);
    expect(await reachable(behind, serverDir, user)).toEqual(behind);
  }, 60_000);
});

describe('the embedded Postgres data folder', () => {
  it('in a temp folder only its owner may enter: says so in one line and leaves nothing as root; runs as anyone else', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'agentcheck-pg-closed-'));
    made.push(closed);
    chmodSync(closed, 0o700);
    const before = process.env.TMPDIR;
    process.env.TMPDIR = closed;
    try {
      if (process.getuid?.() === 0) {
        const err = await startEmbeddedPostgres().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(EmbeddedPostgresError);
        expect((err as Error).message).toMatch(/cannot reach its data folder .*set TMPDIR to a folder they may enter \(now /);
        expect(readdirSync(closed)).toEqual([]);
      } else {
        // Not root: Postgres runs as us, and our own closed folder is ours to use.
        const pg = await startEmbeddedPostgres();
        await pg.stop();
        expect(readdirSync(closed)).toEqual([]);
      }
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  }, 60_000);
});
