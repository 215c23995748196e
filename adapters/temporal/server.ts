// The Temporal dev server (inside the `temporal` CLI): the full server, with its state
// in one SQLite file, so it can be SIGKILLed and started again on the same file and
// port without losing a workflow. Started directly, always through the harness's
// supervisor, bound to loopback only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, type ManagedProcess, sleep, spawnProcess } from '../../harness/kit.js';

const READY_TIMEOUT_MS = 30_000;

/** Poll until the frontend answers for the namespace: the server is up and its namespace exists. */
export async function waitUntilServing(address: string, namespace: string, timeoutMs: number, exited?: Promise<unknown>, what = address, apiKey?: string): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline && !gone) {
    let conn: Connection | undefined;
    try {
      conn = await Connection.connect({ address, connectTimeout: 1000, ...(apiKey ? { apiKey, tls: true } : {}) });
      await conn.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      last = (err as Error).message;
    } finally {
      await conn?.close().catch(() => undefined);
    }
    await sleep(100);
  }
  throw new Error(gone ? `${what} exited while starting` : `${what} did not serve namespace "${namespace}" within ${timeoutMs} ms (${last})`);
}

export class DevServer {
  readonly address: string;
  readonly namespace: string;
  private readonly binary: string;
  private readonly dir: string;
  private readonly port: number;
  private process: ManagedProcess | undefined;
  private starts = 0;

  private constructor(binary: string, dir: string, port: number, namespace: string) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.namespace = namespace;
    this.address = `127.0.0.1:${port}`;
  }

  /**
   * Start a server whose state lives in `dir`/temporal.db. Its port is one nobody listens
   * on, but the server also binds ports of its own beside it (its HTTP API), which another
   * process may hold: seen once in a CI run ("bind: address already in use"). A first start
   * that exits while starting is tried again on another port (a restart keeps its port:
   * its clients know the address).
   */
  static async start(binary: string, dir: string, namespace = 'default'): Promise<DevServer> {
    mkdirSync(dir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      const server = new DevServer(binary, dir, await freePort(), namespace);
      // Each attempt logs to a file of its own.
      server.starts = attempt - 1;
      try {
        await server.launch();
        return server;
      } catch (err) {
        if (attempt >= 3 || !/exited while starting/.test((err as Error).message)) throw err;
      }
    }
  }

  private async launch(): Promise<void> {
    const index = ++this.starts;
    const logFile = join(this.dir, `temporal-server-${index}.log`);
    const { process: proc } = await spawnProcess({
      name: `temporal server ${index}`,
      file: this.binary,
      args: [
        'server', 'start-dev',
        '--ip', '127.0.0.1', // every service binds to loopback (the UI is off)
        '--port', String(this.port),
        '--headless',
        '--db-filename', join(this.dir, 'temporal.db'),
        '--namespace', this.namespace,
        '--log-level', 'warn',
        '--disable-config-file', '--disable-config-env', // the user's CLI profile must not change the server
      ],
      cwd: this.dir,
      logFile,
    });
    this.process = proc;
    try {
      await waitUntilServing(this.address, this.namespace, READY_TIMEOUT_MS, proc.exited, `temporal server (log: ${logFile})`);
    } catch (err) {
      await proc.kill();
      throw err;
    }
  }

  /** SIGKILL: nothing is flushed or handed over, as in a machine loss. */
  async crash(): Promise<void> {
    await this.process?.kill();
    this.process = undefined;
  }

  /** Start again on the same database file and port. */
  async restart(): Promise<void> {
    if (this.process?.alive()) return;
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.process?.stop(2000);
    this.process = undefined;
  }
}
