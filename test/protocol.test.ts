import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Adapter, CommandWorker } from '../harness/adapter.js';
import { CouldNotRunError, WorkerProtocolError } from '../harness/errors.js';
import { checkWorkerProtocol } from '../harness/protocol/check.js';
import { liveProcesses } from '../harness/process/supervisor.js';
import { adapter as reference } from '../adapters/reference/index.js';
import { workerAppRuntime } from '../adapters/python/app-client.js';
import { runBuiltIns } from './helpers.js';
import { agentcheck } from './cli.js';
import { ensurePythonVenv, PYTHON_SOURCES, VENV_PYTHON } from '../adapters/python/venv.js';

// The worker protocol check (docs/protocol.md) on a Python worker made with the kit,
// which follows the protocol or breaks one part of it (test/protocol/worker.py).

const fixture = join(import.meta.dirname, 'protocol', 'worker.py');

function fixtureAdapter(mode: string, command?: CommandWorker['command'], readyTimeoutMs?: number): Adapter {
  return {
    name: `protocol-${mode}`,
    description: 'a Python worker following the protocol, or breaking one part of it',
    async openCase() {
      const worker: CommandWorker = { command: command ?? [VENV_PYTHON, '-u', fixture, mode], env: { PYTHONPATH: PYTHON_SOURCES }, ...(readyTimeoutMs ? { readyTimeoutMs } : {}) };
      return workerAppRuntime({ worker, history: false, close: async () => undefined });
    },
  };
}

const outDir = () => mkdtempSync(join(tmpdir(), 'agentcheck-protocol-'));

async function failure(adapter: Adapter): Promise<string> {
  const err = await checkWorkerProtocol(adapter, outDir()).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(CouldNotRunError);
  const message = (err as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  expect(liveProcesses()).toEqual([]);
  return message;
}

describe('the worker protocol check', () => {
  beforeAll(async () => void (await ensurePythonVenv()), 300_000);

  it('passes a Python worker that follows the protocol', async () => {
    const check = await checkWorkerProtocol(fixtureAdapter('ok'), outDir());
    expect(check.checked).toBe(true);
    expect(check.readyMs).toBeGreaterThan(0);
    expect(liveProcesses()).toEqual([]);
  });

  it('has nothing to check for a Node script worker', async () => {
    expect(await checkWorkerProtocol(reference, outDir())).toEqual({ checked: false });
  });

  it('names a worker that exits before its ready line', async () => {
    expect(await failure(fixtureAdapter('exit-before-ready'))).toMatch(/^worker protocol: `.*worker\.py exit-before-ready` exited \(code 3, signal null\) before printing its ready line "agentcheck:ready"/);
  });

  it('names a worker that never prints its ready line', async () => {
    expect(await failure(fixtureAdapter('no-ready', undefined, 2000))).toMatch(/printed no ready line "agentcheck:ready" on stdout within 2 s/);
  });

  it('names a command that cannot start', async () => {
    expect(await failure(fixtureAdapter('ok', ['/nonexistent/python3']))).toMatch(/`\/nonexistent\/python3` (could not be started|exited)/);
  });

  it('names a worker that calls the ledger without the run token', async () => {
    expect(await failure(fixtureAdapter('wrong-token'))).toMatch(/called the ledger without the run's token/);
  });

  it('names a worker that never reaches the ledger', async () => {
    expect(await failure(fixtureAdapter('no-ledger'))).toMatch(/never reached the ledger at AGENTCHECK_LEDGER_URL/);
  });

  it('names a worker whose output is not the plan\'s', async () => {
    expect(await failure(fixtureAdapter('wrong-output'))).toMatch(/returned \{"results":\{"protocol-lookup":"protocol-lookup:[0-9a-f]+!".* for the trivial plan, expected/);
  });

  it('stops a whole run before its first case\'s worker starts, and leaves nothing running', async () => {
    const err = await runBuiltIns(fixtureAdapter('wrong-token'), ['crash-recovery/crash-before-effect', 'approvals/nobody-answers']).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerProtocolError);
    expect((err as Error).message).toMatch(/called the ledger without the run's token/);
    expect(liveProcesses()).toEqual([]);
  });

  it('from the command line: exit 2, one line naming what the worker broke, no stack trace, no case run', async () => {
    const out = outDir();
    const r = await agentcheck(['run', 'crash-recovery/crash-before-effect', '--adapter', join(import.meta.dirname, 'protocol', 'adapter.ts'), '--out', out], { AGENTCHECK_PROTOCOL_FIXTURE: 'exit-before-ready' });
    expect(r.exitCode).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('agentcheck: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^agentcheck: protocol-exit-before-ready: worker protocol: `.*worker\.py exit-before-ready` exited \(code 3, signal null\) before printing its ready line "agentcheck:ready"; see docs\/protocol\.md and .*protocol-check\/worker-1\.log$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

