import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { HistoryEvent } from '../harness/history.js';
import type { LedgerEvent } from '../harness/ledger/events.js';
import { liveProcesses } from '../harness/process/supervisor.js';
import { runBuiltIns } from './helpers.js';
import { noneLeft, processesUsing } from './hostile.js';

// Warm spare workers (decision 0074) on the reference runtime, end to end: every worker
// start is still a fresh OS process for one case, a crash still SIGKILLs the process
// that was running, and no spare outlives the run, even when the harness is SIGKILLed.

const CRASHES = ['crash-recovery/crash-after-charge', 'crash-recovery/crash-before-effect'];
const linesOf = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

it('a spare is a fresh process per worker start; SIGKILL of the running worker still crashes it; nothing is left running', async () => {
  const report = await runBuiltIns('reference', CRASHES, { seed: 3, concurrency: 2 });
  const out = join(report.cases[0]!.dir, '..', '..');
  const pids: number[] = [];
  for (const c of report.cases) {
    expect(c.verdict, c.id).toBe('pass');
    const workers = linesOf<HistoryEvent>(join(c.dir, 'history.jsonl')).flatMap((e) => (e.type === 'worker' ? [e] : []));
    const ready = workers.filter((e) => e.event === 'ready');
    // Each start went through a spare (warmMs says so), and a crash started another.
    expect(ready.length, c.id).toBeGreaterThanOrEqual(2);
    for (const r of ready) expect(r.warmMs, c.id).toEqual(expect.any(Number));
    pids.push(...ready.map((r) => r.pid));
    const killed = workers.filter((e) => e.event === 'killed');
    expect(killed.length, c.id).toBeGreaterThanOrEqual(1);
    // The process killed is the one the case had started and that made the effects before the crash.
    const effects = linesOf<LedgerEvent>(join(c.dir, 'effects.jsonl'));
    expect(ready.map((r) => r.pid)).toContain(killed[0]!.pid);
    expect(effects.filter((e) => e.receivedAt < killed[0]!.signalledAt!).every((e) => e.pid === killed[0]!.pid), c.id).toBe(true);
  }
  // No process served two starts, within a case or across cases.
  expect(new Set(pids).size).toBe(pids.length);
  for (const pid of pids) expect(gone(pid), `pid ${pid}`).toBe(true);
  expect(liveProcesses()).toEqual([]);
  // The spares still waiting at the end (they wait in <out>/spares) were killed with the run.
  expect(await processesUsing(out)).toEqual([]);
});

it('the watchdog kills waiting spares when the harness dies by SIGKILL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-spares-dead-'));
  const root = join(import.meta.dirname, '..');
  // A harness that takes one spare (and so keeps one more waiting), says so, and hangs.
  const harness = `
    const { SparePool } = await import(${JSON.stringify(join(root, 'dist/harness/case/spares.js'))});
    const pool = new SparePool({ dir: ${JSON.stringify(join(dir, 'spares'))}, size: 1 });
    const spec = { script: ${JSON.stringify(join(root, 'harness/case/spare-worker.test-helpers.mjs'))}, waitsForCase: true };
    const taken = await pool.take(spec, false);
    await taken.loaded;
    while (pool.size < 1) await new Promise((r) => setTimeout(r, 20));
    console.log('two spares up');
    setInterval(() => undefined, 1000);`;
  const run = execa(process.execPath, ['--input-type=module', '-e', harness], { reject: false, buffer: false });
  await new Promise<void>((resolve, reject) => {
    run.stdout!.on('data', (d: Buffer) => d.toString().includes('two spares up') && resolve());
    void run.then((r) => reject(new Error(`the harness ended first: ${String(r.stderr)}`)));
  });
  // The two spares (waiting in <dir>/spares), not the harness, whose own command line names the folder.
  const spares = async () => (await processesUsing(dir)).filter((l) => !l.includes('SparePool'));
  expect(await spares()).toHaveLength(2);
  run.kill('SIGKILL');
  await run;
  expect(await noneLeft(dir)).toEqual([]);
});
