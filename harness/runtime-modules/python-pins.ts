import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../paths.js';

/**
 * The variable that names the pinned PyPI releases of a run (space-separated
 * `name==version`): scripts/setup-python.sh, which every Python adapter's setup runs,
 * then makes and uses a venv of their own instead of the default one (decision 0055).
 */
export const PYTHON_PINS_ENV = 'AGENTCHECK_PYTHON_PINS';

const PYPI_PINNED = /^[a-z0-9][\w.-]*==\d[\w.+!-]*$/i;

/** `langgraph==0.6.4` is a PyPI pin (Python's own spelling); `name@version` is npm's. */
export const isPythonPin = (spec: string): boolean => spec.includes('==');

/** Refuses anything but `name==exact-version`. */
export function checkPythonPin(spec: string): string {
  if (!PYPI_PINNED.test(spec)) throw new Error(`"${spec}": expected a PyPI package pinned to one exact version, like langgraph==0.6.4`);
  return spec;
}

/** Thrown when the registry has no such release: the user's to fix. */
export class NoSuchRelease extends Error {}

/**
 * Make (once per machine, cached under ~/.cache/agentcheck/python/pinned) the venv of
 * these PyPI pins, and make this run's Python adapters use it: the setup they run
 * finds it by the same variable. Returns the venv's folder.
 */
export async function installPythonPinned(specs: string[]): Promise<string> {
  const pins = specs.map(checkPythonPin).join(' ');
  const env = { ...process.env, [PYTHON_PINS_ENV]: pins };
  const script = join(packageRoot, 'scripts', 'setup-python.sh');
  const res = await promisify(execFile)('bash', [script], { env, timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 }).catch(
    (err: Error & { code?: number; stderr?: string }) => {
      const why = (err.stderr ?? err.message).trim().split('\n').filter((l) => l.startsWith('setup-python:')).at(-1) ?? err.message;
      throw err.code === 64 ? new NoSuchRelease(why) : new Error(why);
    },
  );
  const venv = res.stdout.trim().split('\n').at(-1)?.match(/^Python venv ready: (.+)$/)?.[1];
  if (!venv) throw new Error(`scripts/setup-python.sh did not name the venv it made for ${pins}`);
  process.env[PYTHON_PINS_ENV] = pins;
  return venv;
}
