import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { untilStopped } from './stopped.js';
import { spawnProcess } from './supervisor.js';

const linux = existsSync('/proc/self/task');
const threadStates = (pid: number) => readdirSync(`/proc/${pid}/task`).map((t) => readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1]![0]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A process whose socket is read by a thread other than its main one, as a Python
// worker's HTTP call is: what a freeze must keep from reading an answer (decision 0117).
const reader = (port: number, file: string) => `
const { Worker } = require('node:worker_threads');
new Worker(\`
  const s = require('node:net').connect(${port}, '127.0.0.1');
  s.on('data', (d) => require('node:fs').appendFileSync(${JSON.stringify(file)}, d.toString() + '\\\\n'));
\`, { eval: true });
setInterval(() => undefined, 1000);
`;

describe.runIf(linux)('untilStopped', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start() {
    const dir = mkdtempSync(join(tmpdir(), 'agentcheck-stopped-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const sockets: Socket[] = [];
    const server = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    cleanup.push(() => sockets.forEach((s) => s.destroy()));
    const port = (server.address() as AddressInfo).port;
    const got = join(dir, 'got');
    const { process: proc } = await spawnProcess({ name: 'reader', file: process.execPath, args: ['-e', reader(port, got)], logFile: join(dir, 'reader.log') });
    cleanup.push(() => proc.kill());
    for (let i = 0; i < 400 && sockets.length === 0; i++) await sleep(50);
    expect(sockets.length, 'the reader thread connected').toBe(1);
    return { proc, socket: sockets[0]!, got };
  }

  it('resolves once every thread of the process is stopped: an answer written then is not read until it goes on', async () => {
    const { proc, socket, got } = await start();
    expect(await proc.freeze()).toBe('stopped');
    expect(threadStates(proc.pid).every((s) => s === 'T')).toBe(true);
    socket.write('the answer');
    await sleep(300);
    expect(existsSync(got)).toBe(false);
    proc.thaw();
    for (let i = 0; i < 200 && !existsSync(got); i++) await sleep(50);
    expect(readFileSync(got, 'utf8')).toBe('the answer\n');
  });

  it('says still-running of a group that was sent no SIGSTOP, once the limit passed', async () => {
    const { proc } = await start();
    expect(await untilStopped(proc.pid, 50)).toBe('still-running');
  });

  it('says gone of a group whose processes exited', async () => {
    const { proc } = await start();
    await proc.kill();
    expect(await untilStopped(proc.pid, 50)).toBe('gone');
  });
});
