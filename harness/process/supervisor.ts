import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { compiledPath } from '../paths.js';
import { untilStopped, type StopState } from './stopped.js';

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/** A real OS process in its own process group: a crash is a SIGKILL of the whole group. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly exited: Promise<ExitInfo>;
  alive(): boolean;
  /** SIGKILL the process group and wait until the process is gone. */
  kill(): Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** SIGSTOP: the process can no longer read what it is sent, once this resolves (stopped.ts). */
  freeze(): Promise<StopState>;
  /** SIGCONT after freeze(): the process goes on from where it stopped. */
  thaw(): void;
}

export interface SpawnOptions {
  name: string;
  file: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** A line starting with this marks the process as ready; the rest of the line is returned. */
  readyPrefix?: string;
  /** Or: a line containing this marks it ready (a program that is not ours, with its own log format). */
  readyContains?: string;
  readyTimeoutMs?: number;
  /** Hears every line of stdout; a line it returns true for is not written to the log (a worker's idle reports). */
  onLine?: (line: string) => boolean;
  /** Hears the process the moment it exists, before it is ready: a fault may have to kill it while it starts. */
  onSpawned?: (proc: ManagedProcess) => void;
  /** Run as this user and group (the harness must be root): postgres, for one, refuses to run as root. */
  uid?: number;
  gid?: number;
  /** A pipe the harness can write to (`io.send`); stdin is closed otherwise. */
  stdin?: 'pipe';
}

/**
 * What the harness hears from a spawned process and says to it. A warm spare worker
 * (harness/case/spares.ts) is spawned before its case exists: at the hand-over its
 * output moves to the case's log and its lines to the case's listener.
 */
export interface ProcessIO {
  /** From now on: this name in errors, stdout and stderr appended to `logFile`, stdout lines heard by `onLine` (as SpawnOptions's). */
  moveTo(to: { name: string; logFile: string; onLine?: (line: string) => boolean }): void;
  /** Write one line on the process's stdin (spawned with `stdin: 'pipe'`). */
  send(line: string): void;
  /**
   * Resolves with the rest of the first line (stdout or stderr) starting with `prefix` (one printed
   * already counts; '' waits for SpawnOptions.readyContains). A process that exits
   * first, or stays silent past `timeoutMs`, is killed and rejects with a SpawnError
   * naming its log and `what` it was not ("ready", "loaded"). Infinity: no time limit.
   */
  line(prefix: string, timeoutMs?: number, what?: string): Promise<string>;
}

export class SpawnError extends Error {}

const live = new Set<ManagedProcess>();
let watchdog: Writable | undefined;

function tellWatchdog(line: string): void {
  if (!watchdog) {
    // node:child_process rather than execa here: the watchdog must be unref'd so it
    // never keeps the harness alive, and execa's subprocess has no unref().
    const wd = spawn(process.execPath, [compiledPath('harness/process/watchdog.js')], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    wd.unref();
    wd.on('error', () => undefined);
    wd.stdin.on('error', () => undefined);
    (wd.stdin as unknown as { unref?: () => void }).unref?.();
    watchdog = wd.stdin;
  }
  watchdog.write(line + '\n');
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Last-resort cleanup: whatever path the harness exits by, its children die with it. */
process.on('exit', () => {
  for (const p of live) killGroup(p.pid, 'SIGKILL');
});

export function liveProcesses(): readonly ManagedProcess[] {
  return [...live];
}

export async function killAllProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill()));
}

export async function spawnProcess(opts: SpawnOptions): Promise<{ process: ManagedProcess; ready: string; io: ProcessIO }> {
  // Loaded on first use: execa takes ~100 ms to load, and workers import agentcheck/kit
  // (this module among others) on every start without ever spawning anything.
  const { execa } = await import('execa');
  const sub = execa(opts.file, opts.args ?? [], {
    detached: true,
    cleanup: false,
    reject: false,
    buffer: false,
    stdin: opts.stdin ?? 'ignore',
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: true,
    uid: opts.uid,
    gid: opts.gid,
  });
  const pid = sub.pid;
  if (pid === undefined) {
    await sub.catch(() => undefined);
    throw new SpawnError(`${opts.name}: could not start ${opts.file}`);
  }
  let isAlive = true;
  const exited: Promise<ExitInfo> = sub.then(
    (r) => ({ code: r.exitCode ?? null, signal: r.signal ?? null }),
    () => ({ code: null, signal: null }),
  ).then((info) => {
    isAlive = false;
    live.delete(proc);
    // The leader is gone; kill what else may remain in its group, then forget it.
    killGroup(pid, 'SIGKILL');
    tellWatchdog(`-${pid}`);
    return info;
  });
  const proc: ManagedProcess = {
    name: opts.name,
    pid,
    exited,
    alive: () => isAlive,
    async kill() {
      killGroup(pid, 'SIGKILL');
      return exited;
    },
    async stop(graceMs = 2000) {
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      const info = await exited;
      clearTimeout(timer);
      return info;
    },
    freeze() {
      killGroup(pid, 'SIGSTOP');
      return untilStopped(pid);
    },
    thaw() {
      killGroup(pid, 'SIGCONT');
    },
  };
  live.add(proc);
  tellWatchdog(`+${pid}`);
  opts.onSpawned?.(proc);

  let { name, logFile, onLine } = opts;
  const log = (line: string) => {
    try {
      appendFileSync(logFile, line + '\n');
    } catch {
      // the case folder may be gone after teardown
    }
  };
  /** Marker lines printed so far (a `line()` asked later still finds one), and who waits for a line. */
  const seen: string[] = [];
  const waiting = new Set<(line: string) => void>();
  for (const stream of [sub.stdout, sub.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      const heard = stream === sub.stdout && onLine?.(line);
      if (heard) return;
      log(line);
      // A marker may come on either stream (a program that is not ours logs to stderr).
      // Kept only until the markers a start waits for are out: a worker's later lines are its log's.
      if (seen.length < 8 && (line.startsWith('agentcheck:') || (opts.readyPrefix && line.startsWith(opts.readyPrefix)) || (opts.readyContains && line.includes(opts.readyContains)))) seen.push(line);
      for (const w of waiting) w(line);
    });
  }
  sub.stdin?.on('error', () => undefined);
  const io: ProcessIO = {
    moveTo(to) {
      name = to.name;
      logFile = to.logFile;
      onLine = to.onLine;
    },
    send(line) {
      if (!sub.stdin) throw new Error(`${opts.name}: spawned without a stdin pipe`);
      sub.stdin.write(line + '\n');
    },
    async line(prefix, timeoutMs = 20_000, what = 'ready') {
      const matches = (l: string) => (prefix ? l.startsWith(prefix) : Boolean(opts.readyContains && l.includes(opts.readyContains)));
      let listener: (l: string) => void = () => undefined;
      const heard = new Promise<string>((r) => {
        listener = (l) => void (matches(l) && r(l));
        waiting.add(listener);
        const early = seen.find(matches);
        if (early !== undefined) r(early);
      });
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        heard.then((l) => ({ ready: prefix ? l.slice(prefix.length).trim() : '' })),
        exited.then((info) => ({ exited: info })),
        // Infinity: no timer at all (it would keep the harness alive, and a timer of Infinity fires at once).
        new Promise<{ timeout: true }>((r) => (timer = Number.isFinite(timeoutMs) ? setTimeout(() => r({ timeout: true }), timeoutMs) : undefined)),
      ]);
      waiting.delete(listener);
      clearTimeout(timer);
      if ('ready' in outcome) return outcome.ready;
      await proc.kill();
      const why = 'exited' in outcome ? `exited (code ${outcome.exited.code}, signal ${outcome.exited.signal}) before it was ${what}` : `was not ${what} after ${timeoutMs} ms`;
      throw new SpawnError(`${name} ${why}; see ${logFile}`);
    },
  };
  if (!opts.readyPrefix && !opts.readyContains) return { process: proc, ready: '', io };
  return { process: proc, ready: await io.line(opts.readyPrefix ?? '', opts.readyTimeoutMs), io };
}
