import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isCommandWorker, LOADED_MARKER, SPARE_TRACES_ENV, WAIT_FOR_CASE_ENV, type WorkerSpec } from '../adapter.js';
import type { CaseHandOver } from '../worker-kit.js';
import { spawnProcess, type ManagedProcess, type ProcessIO } from '../process/supervisor.js';
import { type Lanes, lanesNow } from '../lanes.js';

/**
 * Warm spare workers (decision 0074): processes of a worker that opted in
 * (WorkerSpec.waitsForCase), spawned ahead of need without any case's variables. A
 * spare loads its code, prints `agentcheck:loaded` and waits on stdin; a case takes one
 * and hands it its case, and another is spawned in its place. Every spare is a fresh
 * OS process used for exactly one case, never returned: a crash is still a SIGKILL of
 * that process, with nothing shared. Spares are supervised processes like any worker,
 * so the watchdog kills them if the harness dies; `close()` kills them at the end of a
 * run, on an error or an interrupt.
 */
export class SparePool {
  /** Waiting spares, by what was spawned (script or command). */
  private readonly waiting = new Map<string, Spare[]>();
  private readonly spawning = new Set<Promise<unknown>>();
  /** How many spares of each worker are loading now. */
  private readonly loading = new Map<string, number>();
  private closed = false;
  private count = 0;

  /**
   * `dir`: where the spares' own logs go until their hand-over. `size`: how many spares
   * of one worker wait at most (openSpares: two per case running at once).
   * `loadingAtOnce`: how many load at the same time (default 1). Either may be asked
   * afresh each time (explore --concurrency auto changes how many cases run at once).
   * `env`: added to every spare's environment (Node's compile cache).
   */
  private readonly opts: { dir: string; size: Lanes; loadingAtOnce: Lanes; env?: Record<string, string> };

  constructor(opts: { dir: string; size: Lanes; loadingAtOnce?: Lanes; env?: Record<string, string> }) {
    this.opts = { loadingAtOnce: 1, ...opts };
  }

  /**
   * A fresh process for one case: a spare waiting for this worker if there is one (the
   * one that has loaded, else the oldest), else one spawned now; then more are
   * spawned until `size` wait again. `traced`: whether the taking case judges traces, a
   * hint for the next spare of this worker (it loads the tracing SDK ahead too).
   */
  async take(spec: WorkerSpec, traced: boolean): Promise<Spare> {
    if (this.closed) throw new Error('the run is over: no spare worker to take');
    const key = keyOf(spec);
    const list = (this.waiting.get(key) ?? []).filter((s) => s.process.alive());
    const i = Math.max(0, list.findIndex((s) => s.loadedAt !== undefined));
    const [taken] = list.splice(i, 1);
    this.waiting.set(key, list);
    const spare = taken ?? (await this.spawn(spec, traced));
    // Others will likely need one soon: they load while this case runs, after this one
    // (loading beside it would slow the start this case waits for).
    void spare.loaded.then(() => this.topUp(spec, key, traced));
    return spare;
  }

  /** Kill every waiting spare and spawn no more. A taken spare is its case's, stopped by it. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.spawning.size) await Promise.allSettled([...this.spawning]);
    const all = [...this.waiting.values()].flat();
    this.waiting.clear();
    await Promise.all(all.map((s) => s.process.kill()));
  }

  /** How many spares wait now (tests). */
  get size(): number {
    return [...this.waiting.values()].reduce((n, l) => n + l.filter((s) => s.process.alive()).length, 0);
  }

  /**
   * Spawn spares of this worker until `size` wait, at most `loadingAtOnce` loading at a
   * time (each loads on the CPU the running cases need), the next once one has loaded.
   */
  private topUp(spec: WorkerSpec, key: string, traced: boolean): void {
    const waiting = (this.waiting.get(key) ?? []).filter((s) => s.process.alive()).length;
    const loading = this.loading.get(key) ?? 0;
    if (this.closed || loading >= lanesNow(this.opts.loadingAtOnce) || waiting >= lanesNow(this.opts.size)) return;
    this.loading.set(key, loading + 1);
    const done = () => this.loading.set(key, (this.loading.get(key) ?? 1) - 1);
    const spawned = this.spawn(spec, traced).then(async (spare) => {
      if (this.closed) await spare.process.kill();
      else this.waiting.get(key)?.push(spare) ?? this.waiting.set(key, [spare]);
      return spare;
    });
    this.spawning.add(spawned);
    void spawned.finally(() => this.spawning.delete(spawned)).catch(() => undefined);
    // Go on only after a spare that loaded: one that cannot spawn or dies loading is no
    // spare, and spawning more would churn; the next take spawns its own, and says why if it fails.
    void spawned.then(
      async (spare) => {
        await spare.loaded;
        done();
        if (spare.loadedAt !== undefined) this.topUp(spec, key, traced);
      },
      done,
    );
  }

  private async spawn(spec: WorkerSpec, traced: boolean): Promise<Spare> {
    mkdirSync(this.opts.dir, { recursive: true });
    const n = ++this.count;
    const [file, ...args] = isCommandWorker(spec) ? spec.command : [process.execPath, spec.script];
    const { process: proc, io } = await spawnProcess({
      name: `spare ${n}`,
      file,
      args,
      cwd: this.opts.dir,
      // Nothing of any case, not even the adapter's env (it may name the case: a task queue): that comes with the
      // hand-over. Only what the program needs to load, the same for every case (loadEnv: PYTHONPATH).
      env: { ...this.opts.env, ...spec.loadEnv, [WAIT_FOR_CASE_ENV]: '1', ...(traced ? { [SPARE_TRACES_ENV]: '1' } : {}) },
      logFile: join(this.opts.dir, `spare-${n}.log`),
      stdin: 'pipe',
    });
    // Once the process exists: the harness's own wait before it (loading execa once) is no part of the worker's start.
    const spawnedAt = Date.now();
    // Heard whenever it comes: a spare handed its case before it loaded still says so.
    const heard = io.line(LOADED_MARKER, Infinity, 'loaded').then(() => Date.now());
    const spare: Spare = { process: proc, io, spawnedAt, loadedAt: undefined, loaded: heard.then(() => undefined, () => undefined) };
    void heard.then((at) => void (spare.loadedAt = at), () => undefined);
    return spare;
  }
}

export interface Spare {
  process: ManagedProcess;
  io: ProcessIO;
  spawnedAt: number;
  /** When it printed `agentcheck:loaded`; undefined while it is still loading. */
  loadedAt: number | undefined;
  /** Settles once it printed `agentcheck:loaded`, or exited without. */
  loaded: Promise<void>;
}

/**
 * Hand a spare its case (one JSON line on its stdin) and wait for its ready line. From
 * now on its output goes to the case's log under the case's name for it. Resolves with
 * the ready payload and `warmMs`, how long it had been loading before its case (until
 * it was handed over, or until it said it had loaded, whichever came first).
 */
export async function handOver(spare: Spare, handed: CaseHandOver, to: { name: string; logFile: string; onLine?: (line: string) => boolean; readyTimeoutMs?: number; readyPrefix: string }): Promise<{ ready: string; warmMs: number }> {
  const at = Date.now();
  const warmMs = Math.min(spare.loadedAt ?? at, at) - spare.spawnedAt;
  spare.io.moveTo({ name: to.name, logFile: to.logFile, ...(to.onLine ? { onLine: to.onLine } : {}) });
  spare.io.send(JSON.stringify(handed));
  const ready = await spare.io.line(to.readyPrefix, to.readyTimeoutMs);
  return { ready, warmMs };
}

/** Spares of one worker are interchangeable: the same program loaded the same way (its env and args come with the case). */
function keyOf(spec: WorkerSpec): string {
  return JSON.stringify([isCommandWorker(spec) ? spec.command : spec.script, spec.loadEnv ?? {}]);
}
