import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnProcess, SpawnError, type ManagedProcess } from '../process/supervisor.js';
import { CouldNotRunError } from '../errors.js';
import { compiledPath } from '../paths.js';
import { fill, type Vars } from './app-call.js';
import type { AgentProcess } from './config.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Start one of the agent's processes; with `intercept`, agentcheck/intercept is
 * preloaded through NODE_OPTIONS, so any start command works. Waits until its ready
 * URL answers or its ready line is printed.
 */
export async function startAgentProcess(name: string, spec: AgentProcess, dir: string, vars: Vars, env: Record<string, string>, logFile: string, intercept: boolean, onSpawned?: (proc: ManagedProcess) => void): Promise<ManagedProcess> {
  const preload = `--import=${pathToFileURL(compiledPath('harness/intercept/index.js')).href}`;
  const nodeOptions = [process.env.NODE_OPTIONS, intercept ? preload : undefined].filter(Boolean).join(' ');
  let proc: ManagedProcess;
  try {
    ({ process: proc } = await spawnProcess({
      name,
      file: '/bin/sh',
      args: ['-c', spec.command],
      cwd: spec.cwd ? join(dir, spec.cwd) : dir,
      // `node` in the command is the Node agentcheck runs on (msw needs >= 22.12).
      env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, ...(fill(spec.env, vars) as Record<string, string>), ...env, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
      logFile,
      readyContains: spec.readyLine,
      readyTimeoutMs: spec.readyTimeoutMs,
      ...(onSpawned ? { onSpawned } : {}),
    }));
  } catch (err) {
    if (err instanceof SpawnError) throw new CouldNotRunError(`the agent's ${name} (\`${spec.command}\`): ${err.message}`);
    throw err;
  }
  if (!spec.readyUrl) return proc;
  const readyUrl = fill(spec.readyUrl, vars) as string;
  const until = Date.now() + spec.readyTimeoutMs;
  while (Date.now() < until) {
    if (!proc.alive()) {
      const info = await proc.exited;
      throw new CouldNotRunError(`the agent's ${name} (\`${spec.command}\`) exited (code ${info.code}) before ${readyUrl} answered; see ${logFile}`);
    }
    try {
      await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      return proc;
    } catch {
      await sleep(100);
    }
  }
  await proc.kill();
  throw new CouldNotRunError(`the agent's ${name} did not answer ${readyUrl} within ${spec.readyTimeoutMs / 1000} s; see ${logFile}`);
}
