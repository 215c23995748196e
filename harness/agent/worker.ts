import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnProcess, type ManagedProcess } from '../process/supervisor.js';
import { CouldNotRunError } from '../errors.js';
import { compiledPath } from '../paths.js';
import { fill, type Vars } from './app-call.js';
import type { AgentConfig } from './config.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Start the agent's own worker with the interceptor preloaded through NODE_OPTIONS,
 * so any start command works, and wait until its ready URL answers.
 */
export async function startAgentWorker(config: AgentConfig, dir: string, vars: Vars, env: Record<string, string>, logFile: string): Promise<ManagedProcess> {
  const preload = `--import=${pathToFileURL(compiledPath('harness/intercept/index.js')).href}`;
  const { process: proc } = await spawnProcess({
    name: 'agent worker',
    file: '/bin/sh',
    args: ['-c', config.worker.command],
    cwd: config.worker.cwd ? join(dir, config.worker.cwd) : dir,
    // `node` in the command is the Node agentcheck runs on (msw needs >= 22.12).
    env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, ...config.worker.env, ...env, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' ') },
    logFile,
  });
  const readyUrl = fill(config.worker.readyUrl, vars) as string;
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (!proc.alive()) {
      const info = await proc.exited;
      throw new CouldNotRunError(`the agent's worker (\`${config.worker.command}\`) exited (code ${info.code}) before ${readyUrl} answered; see ${logFile}`);
    }
    try {
      await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      return proc;
    } catch {
      await sleep(100);
    }
  }
  await proc.kill();
  throw new CouldNotRunError(`the agent's worker did not answer ${readyUrl} within 30 s; see ${logFile}`);
}
