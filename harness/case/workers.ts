import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCommandWorker, READY_MARKER, type CaseRuntime, type WorkerSpec } from '../adapter.js';
import type { LedgerAddress } from '../ledger/client.js';
import type { Plan } from '../plan/schema.js';
import { spawnProcess, type ManagedProcess } from '../process/supervisor.js';
import type { HistoryLog } from '../history.js';
import { bounded } from '../process/bounded.js';
import { ADAPTER_CALL_LIMITS_MS } from '../timing.js';

/** A worker that dies without the harness killing it is restarted this soon, as a process supervisor would. */
const UNEXPECTED_EXIT_RESTART_MS = 200;

/** Where a case's plan is, as JSON, for its workers (AGENTCHECK_PLAN_FILE; docs/protocol.md). */
export function writePlanFile(dir: string, plan: Plan): string {
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

/** What every worker gets in its environment, in any language (docs/protocol.md). */
export function workerEnv(ledger: LedgerAddress, dir: string, salt: string): Record<string, string> {
  return {
    AGENTCHECK_LEDGER_URL: ledger.url,
    AGENTCHECK_LEDGER_TOKEN: ledger.token,
    AGENTCHECK_CASE_DIR: dir,
    AGENTCHECK_RUN_SALT: salt,
    AGENTCHECK_PLAN_FILE: join(dir, 'plan.json'),
  };
}

/** Start one worker as its spec says, in its own process group, and wait for its ready line. */
export function spawnWorker(spec: WorkerSpec, name: string, ledger: LedgerAddress, dir: string, salt: string, logFile: string) {
  const [file, ...args] = isCommandWorker(spec) ? spec.command : [process.execPath, spec.script, ...(spec.args ?? [])];
  return spawnProcess({
    name,
    file,
    args,
    cwd: dir,
    // The harness's variables win: an adapter cannot point a worker at another ledger by mistake.
    env: { ...spec.env, ...workerEnv(ledger, dir, salt) },
    logFile,
    readyPrefix: READY_MARKER,
    readyTimeoutMs: spec.readyTimeoutMs,
  });
}

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
  private readonly salt: string;

  constructor(rt: CaseRuntime, ledger: LedgerAddress, dir: string, log: HistoryLog, salt: string) {
    this.rt = rt;
    this.salt = salt;
    this.ledger = ledger;
    this.dir = dir;
    this.log = log;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const index = ++this.starts;
    const spec = this.rt.worker;
    this.log.add({ type: 'worker', at: Date.now(), event: 'spawned', pid: 0, detail: `worker ${index}` });
    const { process: proc, ready } = await spawnWorker(spec, `worker ${index}`, this.ledger, this.dir, this.salt, join(this.dir, `worker-${index}.log`));
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
    const signalledAt = Date.now();
    await proc.kill();
    this.log.add({ type: 'worker', at: Date.now(), event: 'killed', pid: proc.pid, detail, signalledAt });
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
    const signalledAt = Date.now();
    await proc.kill();
    this.log.add({ type: 'worker', at: Date.now(), event: 'killed', pid: proc.pid, detail, signalledAt });
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
