import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { CouldNotRunError, freePort, type ManagedProcess, spawnProcess } from '../../harness/kit.js';
import { keepData } from './connection.js';
import { TEST_RETRY_POLICY } from './retry-policy.js';
import { reachable } from './admin.js';

// One real restate-server: the binary from npm, started directly (the npm wrapper
// would survive a SIGKILL of itself and leave the server orphaned), on loopback
// and free ports, with its own data folder, so the harness can kill and restart it.

/** The binary that `@restatedev/restate-server` ships for this machine; RESTATE_SERVER_BIN overrides it. */
export function serverBinary(): string {
  const override = process.env.RESTATE_SERVER_BIN;
  if (override) {
    if (!existsSync(override)) throw new CouldNotRunError(`RESTATE_SERVER_BIN=${override}: no such file; unset it to use the restate-server from npm`);
    return override;
  }
  const pkg = `@restatedev/restate-server-${platform()}-${arch()}`;
  try {
    // Found from restate-server's own folder: the binary package is its dependency (a pinned one's, in a museum run).
    const server = createRequire(import.meta.url).resolve('@restatedev/restate-server/package.json');
    const bin = createRequire(server).resolve(`${pkg}/bin/restate-server`);
    if (existsSync(bin)) return bin;
  } catch {
    // fall through to the error below
  }
  throw new CouldNotRunError(`restate-server binary not found (${pkg}): run \`npm ci\` (it comes with @restatedev/restate-server), or set RESTATE_SERVER_BIN, or RESTATE_ADMIN_URL and RESTATE_INGRESS_URL to use a running server`);
}

export interface ServerAddress {
  ingressUrl: string;
  adminUrl: string;
}

const READY_TIMEOUT_MS = 20_000;

export class RestateServer implements ServerAddress {
  readonly ingressUrl: string;
  readonly adminUrl: string;
  private readonly dataDir: string;
  private readonly logFile: string;
  private readonly env: Record<string, string>;
  private proc: ManagedProcess | undefined;
  private starts = 0;

  private constructor(dataDir: string, logFile: string, ports: { ingress: number; admin: number; node: number }, traceEndpoint?: string) {
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.ingressUrl = `http://127.0.0.1:${ports.ingress}`;
    this.adminUrl = `http://127.0.0.1:${ports.admin}`;
    this.env = {
      RESTATE_BIND_IP: '127.0.0.1',
      RESTATE_INGRESS__BIND_PORT: String(ports.ingress),
      RESTATE_ADMIN__BIND_PORT: String(ports.admin),
      RESTATE_BIND_PORT: String(ports.node),
      // TCP only: unix sockets live in the data folder, and a long path there is fatal.
      RESTATE_LISTEN_MODE: 'tcp',
      RESTATE_DISABLE_TELEMETRY: 'true',
      RESTATE_LOG_DISABLE_ANSI_CODES: 'true',
      RESTATE_NODE_NAME: 'agentcheck',
      // One node, a handful of runs: 24 partitions would only cost start-up time and memory.
      RESTATE_DEFAULT_NUM_PARTITIONS: '4',
      RESTATE_ROCKSDB_TOTAL_MEMORY_SIZE: '256MB',
      ...TEST_RETRY_POLICY,
      // restate-server's own spans (per invocation, attempt and journal entry), exported the
      // way Restate's tracing docs say: `otlp+http://` selects OTLP/HTTP, which the case's
      // receiver takes (a plain `http://` would be OTLP/gRPC).
      // Its batch exporter sends every 5 s by default and does not flush at shutdown, so a
      // case shorter than that would get none: every 250 ms here (the standard OTel variable).
      ...(traceEndpoint ? { RESTATE_TRACING_ENDPOINT: `${traceEndpoint.replace(/^http:/, 'otlp+http:')}/v1/traces`, OTEL_BSP_SCHEDULE_DELAY: '250' } : {}),
    };
  }

  /** Start a fresh server whose data lives in `dataDir`; given an OTLP/HTTP receiver's address, it exports its spans there. */
  static async start(dataDir: string, logFile: string, traceEndpoint?: string): Promise<RestateServer> {
    const [ingress, admin, node] = [await freePort(), await freePort(), await freePort()];
    mkdirSync(dataDir, { recursive: true });
    const server = new RestateServer(dataDir, logFile, { ingress, admin, node }, traceEndpoint);
    try {
      await server.launch();
    } catch (err) {
      if (!keepData()) rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
    return server;
  }

  /** Start the binary on this server's data and ports, and wait until admin and ingress answer. */
  async launch(): Promise<void> {
    const bin = serverBinary();
    const index = ++this.starts;
    const { process: proc } = await spawnProcess({
      name: `restate-server ${index}`,
      file: bin,
      args: ['--base-dir', this.dataDir, '--no-logo'],
      env: this.env,
      cwd: this.dataDir,
      logFile: this.logFile,
    });
    this.proc = proc;
    const until = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < until) {
      if (!proc.alive()) throw new CouldNotRunError(`restate-server exited at start: ${lastLine(this.logFile)} (full log: ${this.logFile})`);
      if ((await reachable(`${this.adminUrl}/health`, 1000)) && (await reachable(`${this.ingressUrl}/restate/health`, 1000))) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    await proc.kill();
    throw new CouldNotRunError(`restate-server was not ready after ${READY_TIMEOUT_MS} ms (see ${this.logFile})`);
  }

  /** SIGKILL: the runtime-durability fault. Its data folder stays as the crash left it. */
  async crash(): Promise<void> {
    await this.proc?.kill();
    this.proc = undefined;
  }

  /** SIGTERM (SIGKILL after a grace), then drop the data unless AGENTCHECK_RESTATE_KEEP_DATA asks to keep it. */
  async stop(): Promise<void> {
    await this.proc?.stop(2000);
    this.proc = undefined;
    if (!keepData()) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The last thing the server said, for a one-line error. */
function lastLine(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.at(-1)?.slice(0, 200) ?? 'no output';
  } catch {
    return 'no output';
  }
}

export const dataDirIn = (caseDir: string) => join(caseDir, 'restate-data');
