import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { READY_MARKER, type CaseRuntime } from '../adapter.js';
import { HistoryLog } from '../history.js';
import { liveProcesses } from '../process/supervisor.js';
import { WorkerSlot } from './workers.js';

describe('a worker slot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-workers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A worker that takes a while to report ready, as a second worker does on a loaded machine.
  const script = join(dir, 'slow-worker.mjs');
  writeFileSync(script, `setTimeout(() => console.log(${JSON.stringify(READY_MARKER)}), 400); setInterval(() => {}, 1000);\n`);
  const rt = { worker: { script } } as unknown as CaseRuntime;

  it('stops a second worker whose start finishes after the case stopped: nothing is left running', async () => {
    const slot = new WorkerSlot(rt, { url: 'http://127.0.0.1:9', token: 'x' }, dir, new HistoryLog(join(dir, 'history.jsonl')));
    await slot.start();
    const starting = slot.startBeside();
    await slot.stop();
    await starting;
    expect(liveProcesses().map((p) => p.pid)).toEqual([]);
  });
});
