// The harness's young generation: V8 gives a Node process a new space of up to 64 MiB
// (two 32 MiB semi-spaces) and keeps it once grown. The harness allocates fast while
// many cases run at once, so explore on 2 cores held ~200 MiB of V8 heap for ~60-140
// MiB in use, and its RSS went past issue 20's 300 MB (338 MiB over 1,000 cases).
// Semi-spaces of 8 MiB: 190 MiB at the same rate (decision 0124).
import { fileURLToPath } from 'node:url';

export const HARNESS_V8_FLAG = '--max-semi-space-size=8';

/**
 * Start this process's script again with HARNESS_V8_FLAG, as the same process
 * (process.execve: same PID, same stdio, signals reach it as before), unless it has the
 * flag already or its user chose a semi-space size of their own. The flag takes effect
 * only when V8 starts: set later, it changes nothing. Where execve is missing (Windows,
 * Node before 22.15), it runs on as it is.
 */
export function restartWithSmallYoungGeneration(scriptUrl: string): void {
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('semi-space-size'));
  const execve = (process as { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never }).execve;
  if (chosen || typeof execve !== 'function') return;
  try {
    execve(process.execPath, [process.execPath, ...process.execArgv, HARNESS_V8_FLAG, fileURLToPath(scriptUrl), ...process.argv.slice(2)], process.env);
  } catch {
    // Unavailable on this platform: the default young generation.
  }
}
