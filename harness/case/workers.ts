import { join } from 'node:path';
import type { CaseRuntime } from '../adapter.js';
import type { LedgerAddress } from '../ledger/client.js';
import { spawnProcess, type ManagedProcess } from '../process/supervisor.js';
import { READY_MARKER } from '../adapter.js';
import type { HistoryLog } from '../history.js';
import { bounded } from '../process/bounded.js';
import { ADAPTER_CALL_LIMITS_MS } from '../timing.js';

/** A worker that dies without the harness killing it is restarted this soon, as a process supervisor would. */
const UNEXPECTED_EXIT_RESTART_MS = 200;

/**
 * The one worker process of a case. Faults crash it (SIGKILL of its process group)
 * and restart it after a downtime; a worker that dies by itself is restarted too.
 */
export class WorkerSlot {
  current: ManagedProcess | undefined;
  private starts = 0;
  private stopped = false;
  private readonly killedByUs = new Set<number>();
  /** Older workers still running beside the current one (the second-worker fault). */
  private readonly beside = new Set<ManagedProcess>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly rt: CaseRuntime;
  private readonly ledger: LedgerAddress;
  private readonly dir: string;
  private readonly log: HistoryLog;

  /** Added to every worker's environment: where its OpenTelemetry SDK exports spans (OTEL_*). */
  private readonly extraEnv: Record<string, string>;

  constructor(rt: CaseRuntime, ledger: LedgerAddress, dir: string, log: HistoryLog, extraEnv: Record<string, string> = {}) {
    this.extraEnv = extraEnv;
    this.rt = rt;
    this.ledger = ledger;
    this.dir = dir;
    this.log = log;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const index = ++this.starts;
    const spec = this.rt.worker;
    this.log.add({ type: 'worker', at: Date.now(), event: 'spawned', pid: 0, detail: `worker ${index}` });
    const { process: proc, ready } = await spawnProcess({
      name: `worker ${index}`,
      file: process.execPath,
      args: [spec.script, ...(spec.args ?? [])],
      cwd: this.dir,
      env: { ...this.extraEnv, ...spec.env, AGENTCHECK_LEDGER_URL: this.ledger.url, AGENTCHECK_LEDGER_TOKEN: this.ledger.token, AGENTCHECK_CASE_DIR: this.dir },
      logFile: join(this.dir, `worker-${index}.log`),
      readyPrefix: READY_MARKER,
      readyTimeoutMs: spec.readyTimeoutMs,
    });
    this.log.add({ type: 'worker', at: Date.now(), event: 'ready', pid: proc.pid });
    this.current = proc;
    void proc.exited.then((info) => {
      if (this.killedByUs.has(proc.pid) || this.stopped) return;
      this.log.add({ type: 'worker', at: Date.now(), event: 'exited', pid: proc.pid, detail: `code ${info.code} signal ${info.signal}` });
      if (this.current === proc) this.current = undefined;
      this.restartAfter(UNEXPECTED_EXIT_RESTART_MS);
    });
    if (this.rt.workerStarted) await bounded(this.rt.workerStarted(ready), 'workerStarted()', { limitMs: ADAPTER_CALL_LIMITS_MS.workerStarted });
  }

  /** SIGSTOP the worker: it can no longer read an answer sent to it. */
  freeze(proc = this.current, detail?: string): void {
    if (!proc) return;
    proc.freeze();
    this.log.add({ type: 'worker', at: Date.now(), event: 'frozen', pid: proc.pid, ...(detail ? { detail } : {}) });
  }

  /** SIGCONT a frozen worker: it goes on from where it stopped. */
  thaw(proc: ManagedProcess, detail?: string): void {
    if (!proc.alive()) return;
    proc.thaw();
    this.log.add({ type: 'worker', at: Date.now(), event: 'thawed', pid: proc.pid, ...(detail ? { detail } : {}) });
  }

  /** SIGKILL the worker's process group and wait until it is gone. */
  async crash(detail: string): Promise<void> {
    const proc = this.current;
    if (!proc) return;
    this.killedByUs.add(proc.pid);
    this.current = undefined;
    await proc.kill();
    this.log.add({ type: 'worker', at: Date.now(), event: 'killed', pid: proc.pid, detail });
  }

  restartAfter(downtimeMs: number): void {
    const p = new Promise((r) => setTimeout(r, downtimeMs)).then(() => (this.current || this.stopped ? undefined : this.start()));
    const tracked = p.catch((err: Error) => this.log.add({ type: 'worker', at: Date.now(), event: 'exited', pid: 0, detail: `restart failed: ${err.message}` }));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** Restarts still waiting on their downtime: a case is not over while one is pending. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending);
  }

  /** Start a second worker beside the current one; returns the older one, still running. */
  async startBeside(): Promise<ManagedProcess | undefined> {
    const old = this.current;
    if (old) this.beside.add(old);
    this.current = undefined;
    await this.start();
    return old;
  }

  /** SIGKILL an older worker that ran beside the current one. */
  async retire(proc: ManagedProcess, detail: string): Promise<void> {
    this.beside.delete(proc);
    if (!proc.alive()) return;
    this.killedByUs.add(proc.pid);
    await proc.kill();
    this.log.add({ type: 'worker', at: Date.now(), event: 'killed', pid: proc.pid, detail });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.pending);
    for (const proc of [...this.beside, ...(this.current ? [this.current] : [])]) {
      this.killedByUs.add(proc.pid);
      await proc.stop(1000);
      this.log.add({ type: 'worker', at: Date.now(), event: 'stopped', pid: proc.pid });
    }
    this.beside.clear();
  }
}
