import { spawn } from 'node:child_process';

/**
 * The least a worker start can cost on this machine: a fresh Node process that runs
 * nothing and prints one line, from spawn to that line reaching us (median, ms).
 * A worker start above it is the worker's own loading (its modules, its runtime's SDK).
 */
export async function nodeStartFloor(times: number): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const p = spawn(process.execPath, ['-e', 'console.log("agentcheck:ready")'], { stdio: ['ignore', 'pipe', 'ignore'] });
      p.stdout.once('data', () => resolve());
      p.on('error', reject);
    });
    took.push(performance.now() - t0);
  }
  return took.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}
