import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { spawnProcess } from './supervisor.js';

// A program that is not ours may print its ready line on stderr: postgres's "database
// system is ready to accept connections" does. Both streams count, as they always did.

it('finds a ready line on stderr, by prefix or by a part of it, and still logs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-supervisor-'));
  try {
    for (const how of [{ readyPrefix: 'LOG:  ready' }, { readyContains: 'ready to accept' }]) {
      const logFile = join(dir, 'p.log');
      const code = 'console.error("LOG:  ready to accept connections"); setInterval(() => undefined, 1000);';
      const { process: p, ready } = await spawnProcess({ name: 'p', file: process.execPath, args: ['-e', code], logFile, readyTimeoutMs: 15_000, ...how });
      expect(ready).toBe('readyPrefix' in how ? 'to accept connections' : '');
      expect(readFileSync(logFile, 'utf8')).toContain('ready to accept connections');
      await p.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('answers a line asked for after it was printed, and says what a process that exits first was not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-supervisor-'));
  try {
    const code = 'console.log("agentcheck:loaded"); setTimeout(() => process.exit(4), 200);';
    const { io } = await spawnProcess({ name: 'worker 1', file: process.execPath, args: ['-e', code], logFile: join(dir, 'w.log') });
    await new Promise((r) => setTimeout(r, 100));
    expect(await io.line('agentcheck:loaded', 15_000, 'loaded')).toBe('');
    await expect(io.line('agentcheck:ready', 15_000)).rejects.toThrow(/^worker 1 exited \(code 4, signal null\) before it was ready; see .*w\.log$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
