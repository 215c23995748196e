import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WORKER_COMPILE_CACHE } from '../harness/case/workers.js';

/** A runtime's own restart, timed from the replacement worker's spawn (ms). */
export interface RestartFloor {
  /** Spawn to ready (Temporal: its first poll; Restate: listening). */
  startMs: number;
  /** Spawn to the retried attempt of the call that was in flight: the resumed run's next step. */
  nextStepMs: number;
}

/** A bare worker of a restart floor: a Node process whose stdout lines can be awaited. */
export interface FloorProcess {
  process: ChildProcess;
  /** Resolves when a line matching `re` is printed from now on; rejects after `ms`. */
  until(re: RegExp, ms?: number): Promise<void>;
}

/** Spawn `node script ...args` with Node's compile cache, as the adapters' workers have it. */
export function floorProcess(script: string, args: string[]): FloorProcess {
  const p = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_COMPILE_CACHE: WORKER_COMPILE_CACHE } });
  // Its stderr (the SDKs' warnings on every request) is kept, not printed: it ends an error message.
  let said = '';
  p.stderr!.on('data', (c: Buffer) => (said = (said + c.toString()).slice(-1000)));
  const waiting: { re: RegExp; done: () => void }[] = [];
  createInterface({ input: p.stdout! }).on('line', (line) => {
    for (const w of waiting.filter((w) => w.re.test(line))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.done();
    }
  });
  const until = (re: RegExp, ms = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not print ${re} within ${ms} ms; its stderr ended: ${said.trim() || '(nothing)'}`)), ms);
      waiting.push({ re, done: () => (clearTimeout(timer), resolve()) });
    });
  // Registered before the line can come (an await in between could miss it), and awaited
  // later: a rejection before that is the awaiter's to see, not an unhandled one.
  const untilLater = (re: RegExp, ms?: number) => {
    const p = until(re, ms);
    p.catch(() => undefined);
    return p;
  };
  return { process: p, until: untilLater };
}

const medianOfAll = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A runtime's restart floor: `times` restarts, each by `once`, which is given a spawner
 * of `node script ...args` and returns its restart's figures; the medians. Every process
 * spawned is SIGKILLed by the end, whatever happens.
 */
export async function restartFloor(script: string, times: number, once: (spawn: (args: string[]) => FloorProcess, i: number) => Promise<RestartFloor>): Promise<RestartFloor> {
  const started: FloorProcess[] = [];
  const spawnOne = (args: string[]) => {
    const p = floorProcess(script, args);
    started.push(p);
    return p;
  };
  try {
    const got: RestartFloor[] = [];
    for (let i = 0; i < times; i++) got.push(await once(spawnOne, i));
    return { startMs: medianOfAll(got.map((g) => g.startMs)), nextStepMs: medianOfAll(got.map((g) => g.nextStepMs)) };
  } finally {
    for (const { process: p } of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  }
}

/** Kill `crashed` (SIGKILL), spawn its replacement at once, and time its `ready` and `retried` lines from that spawn. */
export async function timeRestart(crashed: FloorProcess, replace: () => FloorProcess, lines: { ready: RegExp; retried: RegExp }): Promise<RestartFloor & { replacement: FloorProcess }> {
  crashed.process.kill('SIGKILL');
  const t0 = performance.now();
  const replacement = replace();
  const ready = replacement.until(lines.ready).then(() => performance.now() - t0);
  const retried = replacement.until(lines.retried).then(() => performance.now() - t0);
  const [startMs, nextStepMs] = await Promise.all([ready, retried]);
  return { startMs, nextStepMs, replacement };
}
