import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CouldNotRunError, cacheDir, packageRoot } from '../../harness/kit.js';

// The project-local Python environment the Python adapters' workers run in, made by
// scripts/setup-python.sh (pinned PyPI packages; decision 0049). An adapter's setup()
// runs the script, so `npx agentcheck run --adapter langgraph-py` works on a fresh
// machine; on a warm one the script only compares a stamp.

export const VENV_PYTHON = join(cacheDir, 'python', 'venv', 'bin', 'python');
// `agentcheck run --pin langgraph==0.6.4` sets AGENTCHECK_PYTHON_PINS: setup-python.sh
// then makes a venv of those releases instead, keyed by the pins (decision 0055).
const PYTHON_PINS_ENV = 'AGENTCHECK_PYTHON_PINS';

/** The interpreter of the venv in use: the pinned one once ensurePythonVenv made it, else the default. */
let venvPython = VENV_PYTHON;
/** Where the kit (agentcheck_kit) and the Python adapters' packages live. */
export const PYTHON_SOURCES = join(packageRoot, 'python');

/**
 * Make sure the venv exists and is current (with AGENTCHECK_PYTHON_PINS set, the pinned
 * one, which the workers then run in); one clear line when it cannot be made.
 */
export async function ensurePythonVenv(): Promise<string> {
  const { execa } = await import('execa');
  const script = join(packageRoot, 'scripts', 'setup-python.sh');
  if (!existsSync(script)) throw new CouldNotRunError(`${script} is missing: the Python adapters need agentcheck's scripts/ and python/ folders`);
  const res = await execa('bash', [script], { reject: false, all: true });
  if (res.exitCode !== 0) {
    const lines = String(res.all ?? '').trim().split('\n');
    const why = lines.find((l) => l.startsWith('setup-python:')) ?? lines.at(-1) ?? `exit code ${res.exitCode}`;
    throw new CouldNotRunError(`the Python environment could not be set up (bash scripts/setup-python.sh): ${why}`);
  }
  if (!process.env[PYTHON_PINS_ENV]) return (venvPython = VENV_PYTHON);
  const ready = String(res.all ?? '').trim().split('\n').at(-1)?.match(/^Python venv ready: (.+)$/);
  if (!ready) throw new CouldNotRunError(`scripts/setup-python.sh did not name the pinned venv it made`);
  return (venvPython = join(ready[1]!, 'bin', 'python'));
}

/** A worker command: the venv's Python running a module of python/, with the kit importable. */
export function pythonWorker(module: string, args: string[], env: Record<string, string> = {}) {
  return {
    command: [venvPython, '-u', '-m', module, ...args] as [string, ...string[]],
    env,
    // What Python needs to import the worker, the same for every case: a warm spare is spawned with it (docs/protocol.md §7).
    loadEnv: { PYTHONPATH: PYTHON_SOURCES, PYTHONDONTWRITEBYTECODE: '1' },
  };
}

/** Installed versions of PyPI packages in the venv, and Python's own (`python`), for the report. */
export async function pythonPackageVersions(packages: string[]): Promise<Record<number, string> & { python: string }> {
  const { execa } = await import('execa');
  const code = 'import sys, json, importlib.metadata as m\nprint(json.dumps([sys.version.split()[0]] + [m.version(p) for p in sys.argv[1:]]))';
  const res = await execa(venvPython, ['-c', code, ...packages], { reject: false });
  if (res.exitCode !== 0) throw new CouldNotRunError(`the Python venv lacks ${packages.join(', ')}: ${String(res.stderr).trim().split('\n').at(-1)}; run bash scripts/setup-python.sh`);
  const [python, ...versions] = JSON.parse(String(res.stdout)) as string[];
  return Object.assign({ ...versions }, { python: python! });
}
