import { spawn } from 'node:child_process';

/**
 * A fresh Node process running `args`, from spawn to its first line on stdout reaching
 * us (ms); then it is SIGKILLed. Every floor of the bench is timed this way.
 */
export function timeToFirstLine(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const t0 = performance.now();
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], env });
  return new Promise<number>((resolve, reject) => {
    p.stdout.once('data', () => {
      resolve(performance.now() - t0);
      p.kill('SIGKILL');
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`${args[0]} exited (${code ?? signal}) before its first line`));
    });
  }).finally(() => {
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  });
}

/** The median of `times` runs of `once`, one after the other. */
export async function medianOf(times: number, once: (i: number) => Promise<number>): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < times; i++) took.push(await once(i));
  return took.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/**
 * The least a worker start can cost on this machine: a fresh Node process that runs
 * nothing and prints one line, from spawn to that line reaching us (median, ms).
 * A worker start above it is the worker's own loading (its modules, its runtime's SDK).
 */
export function nodeStartFloor(times: number): Promise<number> {
  return medianOf(times, () => timeToFirstLine(['-e', 'console.log("agentcheck:ready")']));
}
