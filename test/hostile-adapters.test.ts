import { execa } from 'execa';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../harness/report/schema.js';
import { agentcheck, agentcheckBin } from './cli.js';
import { hostileAdapter, processesUsing, untilEntered } from './hostile.js';

// Adapters that do not cooperate: the gate must still end, with a report, an
// undecided case naming the call, and no process left behind.

const tmp = () => mkdtempSync(join(tmpdir(), 'agentcheck-hostile-'));
const reportOf = (out: string) => Report.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));

describe('a faulty adapter cannot hang the gate', () => {
  const cases: [string, RegExp][] = [
    ['await-ignores-signal', /awaitResult\(\) did not return within 5000 ms of being told to stop/],
    ['start-hangs', /startRun\(\) did not return within 5000 ms of being told to stop/],
  ];
  for (const [name, reason] of cases) {
    it(`${name}: the case ends undecided at its deadline, with the reason; exit 2; workers killed`, async () => {
      const dir = tmp();
      const out = join(dir, 'out');
      const started = Date.now();
      const r = await agentcheck(['run', 'timers/sleep-then-act', '--adapter', hostileAdapter(dir, name), '--timeout', '500', '--out', out]);
      expect(r.exitCode).toBe(2);
      const c = reportOf(out).cases[0]!;
      expect(c.verdict).toBe('unknown');
      expect(c.error ?? c.properties.map((p) => p.evidence.map((e) => e.message).join(' ')).join(' ')).toMatch(reason);
      // The plan's 300 ms sleep + --timeout 500 + the abort grace + the tracked grace, with room for a loaded machine.
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await processesUsing(out)).toEqual([]);
    });
  }

  it('an openCase that never returns: one SIGINT still ends the run with a report (exit 130); no orphan', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const run = execa(process.execPath, [agentcheckBin, 'run', 'timers/*', '--adapter', hostileAdapter(dir, 'open-hangs'), '--out', out], { reject: false, env: { NO_COLOR: '1' } });
    // Signalled once the run is inside the call that never returns, however long the CLI took to get there.
    await untilEntered(dir, 'open-hangs');
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode).toBe(130);
    const report = reportOf(out);
    expect(report.interrupted).toBe(true);
    expect(report.gate.passed).toBe(false);
    expect(await processesUsing(out)).toEqual([]);
  });

  it('a second signal exits at once, whatever the adapter is doing', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const run = execa(process.execPath, [agentcheckBin, 'run', 'timers/*', '--adapter', hostileAdapter(dir, 'open-hangs'), '--out', out], { reject: false, env: { NO_COLOR: '1' } });
    await untilEntered(dir, 'open-hangs');
    run.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    const second = Date.now();
    run.kill('SIGTERM');
    const r = await run;
    expect(r.exitCode).toBe(143);
    expect(Date.now() - second).toBeLessThan(1500);
  });
});
