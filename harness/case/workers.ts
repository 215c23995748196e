import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSY_MARKER, IDLE_MARKER, isCommandWorker, READY_MARKER, type CaseRuntime, type WorkerSpec } from '../adapter.js';
import type { LedgerAddress } from '../ledger/client.js';
import type { Plan } from '../plan/schema.js';
import { spawnProcess, type ManagedProcess } from '../process/supervisor.js';
import type { StopState } from '../process/stopped.js';
import type { HistoryEvent, HistoryLog } from '../history.js';
import { bounded } from '../process/bounded.js';
import { ADAPTER_CALL_LIMITS_MS } from '../timing.js';
import { cacheDir } from '../paths.js';
import { handOver, SparePool } from './spares.js';
import { type Lanes, lanesNow } from '../lanes.js';

/** Where workers keep Node's compile cache, shared by every run on this machine. */
export const WORKER_COMPILE_CACHE = join(cacheDir, 'node-compile-cache');

/**
 * The warm spare workers of one run (decision 0074), their logs in <out>/spares/; close
 * it when the run ends. Two wait per case running at once: its first worker, and the
 * restart a crash case needs soon after (a spare spawned at the first take was often
 * still loading then).
 */
export function openSpares(outDir: string, casesAtOnce: Lanes): SparePool {
  const atOnce = () => Math.max(1, lanesNow(casesAtOnce));
  // As many load at once as cases run at once: a crash case needs two starts in a few seconds.
  return new SparePool({ dir: join(outDir, 'spares'), size: () => 2 * atOnce(), loadingAtOnce: atOnce, env: { NODE_COMPILE_CACHE: WORKER_COMPILE_CACHE } });
}

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
export function spawnWorker(spec: WorkerSpec, name: string, ledger: LedgerAddress, dir: string, salt: string, logFile: string, onLine?: (line: string) => boolean) {
  const [file, ...args] = isCommandWorker(spec) ? spec.command : [process.execPath, spec.script, ...(spec.args ?? [])];
  return spawnProcess({
    name,
    file,
    args,
    cwd: dir,
    // Node's compile cache (V8 code cache on disk, keyed by source): a restarted worker
    // skips compiling its modules again, an SDK's above all (decision 0051).
    // The harness's variables win: an adapter cannot point a worker at another ledger by mistake.
    env: { NODE_COMPILE_CACHE: WORKER_COMPILE_CACHE, ...spec.loadEnv, ...spec.env, ...workerEnv(ledger, dir, salt) },
    logFile,
    readyPrefix: READY_MARKER,
    readyTimeoutMs: spec.readyTimeoutMs,
    ...(onLine ? { onLine } : {}),
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
  /** What each worker last said of itself (announceIdle); absent while it said nothing. */
  private readonly said = new Map<ManagedProcess, { idle: boolean; lookedAt: number }>();
  /** Looked at again whenever a worker reports on itself or exits (`until`). */
  private readonly watchers = new Set<() => void>();
  private readonly rt: CaseRuntime;
  private readonly ledger: LedgerAddress;
  private readonly dir: string;
  private readonly log: HistoryLog;
  private readonly salt: string;

  /** Added to every worker's environment: where its OpenTelemetry SDK exports spans (OTEL_*). */
  private readonly extraEnv: Record<string, string>;
  /** The run's warm spare workers, for a worker that can wait for its case (decision 0074). */
  private readonly spares: SparePool | undefined;

  /** What this slot starts: the case's worker, or the one that runs only its child runs (decision 0110). */
  private readonly spec: WorkerSpec;
  /** Names its processes and log files, and marks its history events (`serves`). */
  private readonly role: { name: string; serves?: 'children' };

  constructor(rt: CaseRuntime, ledger: LedgerAddress, dir: string, log: HistoryLog, salt: string, extraEnv: Record<string, string> = {}, spares?: SparePool, forChildren = false) {
    this.spec = forChildren && rt.childWorker ? rt.childWorker : rt.worker;
    this.role = forChildren ? { name: 'child worker', serves: 'children' } : { name: 'worker' };
    this.extraEnv = extraEnv;
    this.spares = spares;
    this.rt = rt;
    this.salt = salt;
    this.ledger = ledger;
    this.dir = dir;
    this.log = log;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const index = ++this.starts;
    const spec = this.spec;
    const name = `${this.role.name} ${index}`;
    this.add({ event: 'spawned', pid: 0, detail: name });
    let said: { idle: boolean; lookedAt: number } | undefined;
    let proc: ManagedProcess | undefined;
    const onLine = (line: string) => {
      const idle = line.startsWith(IDLE_MARKER) ? true : line.startsWith(BUSY_MARKER) ? false : undefined;
      if (idle === undefined) return false;
      said = { idle, lookedAt: Number(line.slice((idle ? IDLE_MARKER : BUSY_MARKER).length)) || 0 };
      if (proc) this.said.set(proc, said);
      this.changed();
      return true;
    };
    const logFile = join(this.dir, `${name.replace(/ /g, '-')}.log`);
    const spawned = spec.waitsForCase && this.spares ? await this.fromSpare(spec, name, logFile, onLine) : await spawnWorker({ ...spec, env: { ...this.extraEnv, ...spec.env } }, name, this.ledger, this.dir, this.salt, logFile, onLine);
    const worker = spawned.process;
    proc = worker;
    if (this.stopped) {
      // The case ended while this worker was starting (a slow second worker past the
      // deadline): nobody would stop it later, and it would keep the harness alive.
      this.killedByUs.add(worker.pid);
      await worker.kill();
      this.add({ event: 'stopped', pid: worker.pid, detail: 'ready after the case ended' });
      return;
    }
    const ready = spawned.ready;
    if (said) this.said.set(worker, said);
    void worker.exited.then(() => {
      this.said.delete(worker);
      this.changed();
    });
    // A spare's `spawned` above is when this case asked for it: spawned to ready is what the
    // case waited, which the deadline and the race margin read (decision 0075); warmMs is apart.
    const warm = 'warmMs' in spawned ? { warmMs: spawned.warmMs, detail: `a warm spare, ${spawned.loaded ? 'loaded' : 'still loading'} when handed this case (${spawned.warmMs} ms after its spawn)` } : {};
    this.add({ event: 'ready', pid: worker.pid, ...warm });
    this.current = worker;
    void worker.exited.then((info) => {
      if (this.killedByUs.has(worker.pid) || this.stopped) return;
      this.add({ event: 'exited', pid: worker.pid, detail: `code ${info.code} signal ${info.signal}` });
      if (this.current === worker) this.current = undefined;
      this.restartAfter(UNEXPECTED_EXIT_RESTART_MS);
    });
    // The adapter's hook is the case's worker's (a service to register, an address to read): a child worker has none.
    const started = this.role.serves ? this.rt.childWorkerStarted?.bind(this.rt) : this.rt.workerStarted?.bind(this.rt);
    if (started) await bounded(started(ready), this.role.serves ? 'childWorkerStarted()' : 'workerStarted()', { limitMs: ADAPTER_CALL_LIMITS_MS.workerStarted });
  }

  /** A worker event in the case's history, marked with the slot's role. */
  private add(e: Omit<Extract<HistoryEvent, { type: 'worker' }>, 'type' | 'at'>, at = Date.now()): void {
    this.log.add({ type: 'worker', at, ...e, ...(this.role.serves ? { serves: this.role.serves } : {}) });
  }

  /** A spare handed this case: the case's variables, folder and args (docs/protocol.md, "Warm spares"). */
  private async fromSpare(spec: WorkerSpec, name: string, logFile: string, onLine: (line: string) => boolean) {
    const spare = await this.spares!.take(spec, Object.keys(this.extraEnv).length > 0);
    const env = { ...this.extraEnv, ...spec.env, ...workerEnv(this.ledger, this.dir, this.salt) };
    const args = isCommandWorker(spec) ? [] : (spec.args ?? []);
    const loaded = spare.loadedAt !== undefined;
    const { ready, warmMs } = await handOver(spare, { env, cwd: this.dir, args }, { name, logFile, onLine, readyPrefix: READY_MARKER, ...(spec.readyTimeoutMs ? { readyTimeoutMs: spec.readyTimeoutMs } : {}) });
    return { process: spare.process, ready, warmMs, loaded };
  }

  /**
   * SIGSTOP the worker, resolved once it has stopped: from then on it can no longer read
   * an answer sent to it (decision 0117). Says how long that took where it was not at once.
   * The event is dated when SIGSTOP was sent: the checkers count a worker's running time
   * up to it, and a stop seen late (a starved harness polls late) must not lengthen it.
   */
  async freeze(proc = this.current, detail?: string): Promise<StopState | undefined> {
    if (!proc) return undefined;
    const sentAt = Date.now();
    const state = await proc.freeze();
    const took = Date.now() - sentAt;
    const seen = state === 'still-running' ? `still running ${took} ms after SIGSTOP` : state === 'not-seen' ? 'its stop not seen (no /proc)' : took > 0 ? `stopped ${took} ms after SIGSTOP` : '';
    const said = [detail, seen].filter(Boolean).join('; ');
    this.add({ event: 'frozen', pid: proc.pid, ...(said ? { detail: said } : {}) }, sentAt);
    return state;
  }

  /** SIGCONT a frozen worker: it goes on from where it stopped. */
  thaw(proc: ManagedProcess, detail?: string): void {
    if (!proc.alive()) return;
    proc.thaw();
    this.add({ event: 'thawed', pid: proc.pid, ...(detail ? { detail } : {}) });
  }

  /** SIGKILL the worker's process group and wait until it is gone. */
  async crash(detail: string): Promise<void> {
    const proc = this.current;
    if (!proc) return;
    this.killedByUs.add(proc.pid);
    this.current = undefined;
    const signalledAt = Date.now();
    await proc.kill();
    this.add({ event: 'killed', pid: proc.pid, detail, signalledAt });
  }

  restartAfter(downtimeMs: number): void {
    const p = new Promise((r) => setTimeout(r, downtimeMs)).then(() => (this.current || this.stopped ? undefined : this.start()));
    const tracked = p.catch((err: Error) => this.add({ event: 'exited', pid: 0, detail: `restart failed: ${err.message}` }));
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
    this.add({ event: 'killed', pid: proc.pid, detail, signalledAt });
  }

  /**
   * Whether a worker can act no more: it has exited, or it said it was idle in a look
   * at its work that began after the harness's last action on the case (a start, an
   * answer, a worker started, frozen, thawed or killed). A report older than that may
   * predate work the action gave it, so it does not count (decision 0050).
   */
  idle(proc: ManagedProcess): boolean {
    if (!proc.alive()) return true;
    const said = this.said.get(proc);
    return said !== undefined && said.idle && said.lookedAt > this.lastActionAt();
  }

  /**
   * Resolves as soon as `holds()` is true, or when `giveUp` settles. It is looked at
   * again on every change it can depend on: a worker's report on itself, a worker's
   * exit, an event in the case's record (a result, an action). No timer: a condition
   * that turns true is seen at the event that made it true.
   */
  until(holds: () => boolean, giveUp: Promise<unknown>): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.watchers.delete(look);
        unwatch();
        resolve();
      };
      const look = () => void (holds() && done());
      const unwatch = this.log.watch(look);
      this.watchers.add(look);
      giveUp.then(done, done);
      look();
    });
  }

  private changed(): void {
    for (const w of this.watchers) w();
  }

  /** Every worker of the case idle; `unknown` when its workers do not say (WorkerSpec.reportsIdle). */
  allIdle(): boolean | 'unknown' {
    if (!this.spec.reportsIdle) return 'unknown';
    return [...this.beside, ...(this.current ? [this.current] : [])].every((p) => this.idle(p));
  }

  /** When the harness last did anything to the case: every event but its waits for results. */
  private lastActionAt(): number {
    const events = this.log.events;
    for (let i = events.length - 1; i >= 0; i--) {
      const e = events[i];
      if (e.type !== 'op' || e.op !== 'await-result') return e.at;
    }
    return 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.pending);
    // All at once, and a worker that said it is idle by SIGKILL: it holds nothing, and on
    // a loaded machine a graceful exit took ~0.2 s of every case (decision 0050). Others
    // get SIGTERM, as before, and may clean up.
    await Promise.all(
      [...this.beside, ...(this.current ? [this.current] : [])].map(async (proc) => {
        this.killedByUs.add(proc.pid);
        await (this.idle(proc) ? proc.kill() : proc.stop(1000));
        this.add({ event: 'stopped', pid: proc.pid });
      }),
    );
    this.beside.clear();
  }
}
