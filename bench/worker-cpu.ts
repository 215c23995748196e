// The CPU one reference worker costs (docs/performance.md, "Seventh pass"): spawned as a
// warm spare (with the traces hint or without), handed a case with no ledger behind it,
// and read from /proc/<pid>/stat at `agentcheck:loaded`, at `agentcheck:ready`, and after
// idling a second (its poll of the journal). Linux only.
//   node dist/bench/worker-cpu.js [--traces] [--samples N] [--worker <worker.js>]
// `--worker` measures another build's worker (a worktree of main, say) the same way.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledPath, packageRoot } from '../harness/paths.js';
import { WORKER_COMPILE_CACHE } from '../harness/case/workers.js';

/** User plus system CPU of a process so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Sample {
  loaded: number;
  ready: number;
  idlePerSecond: number;
}

function measureOnce(worker: string, traces: boolean, compileCache: string): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-worker-cpu-'));
  const p = spawn(process.execPath, [worker], {
    env: { ...process.env, NODE_COMPILE_CACHE: compileCache, AGENTCHECK_WAIT_FOR_CASE: '1', AGENTCHECK_SPARE_TRACES: traces ? '1' : '0' },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let out = '';
  let phase: 'loading' | 'starting' | 'idling' = 'loading';
  let loaded = 0;
  return new Promise<Sample>((resolve, reject) => {
    p.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the worker exited (${code ?? signal}) before it was measured`));
    });
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (phase === 'loading' && out.includes('agentcheck:loaded')) {
        phase = 'starting';
        loaded = cpuMs(p.pid!);
        // Port 9 (discard) refuses: the worker's calls would fail, but it makes none while idle.
        const env: Record<string, string> = { AGENTCHECK_LEDGER_URL: 'http://127.0.0.1:9/', AGENTCHECK_LEDGER_TOKEN: 'bench' };
        if (traces) env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = 'http://127.0.0.1:9/v1/traces';
        p.stdin.write(`${JSON.stringify({ env, cwd: dir, args: [join(dir, 'runtime.db')] })}\n`);
      } else if (phase === 'starting' && out.includes('agentcheck:ready')) {
        phase = 'idling';
        const ready = cpuMs(p.pid!);
        setTimeout(() => {
          const idlePerSecond = cpuMs(p.pid!) - ready;
          p.kill('SIGKILL');
          resolve({ loaded, ready, idlePerSecond });
        }, 1000);
      }
    });
  }).finally(() => {
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const argv = process.argv.slice(2);
const traces = argv.includes('--traces');
const samples = Number(argv[argv.indexOf('--samples') + 1] ?? 6) || 6;
const workerArg = argv.includes('--worker') ? argv[argv.indexOf('--worker') + 1] : undefined;
const worker = workerArg ?? compiledPath('adapters/reference/worker.js');
// Another build's worker keeps its own compile cache (beside its package), as its runs do.
const compileCache = workerArg ? join(workerArg, '..', '..', '..', '..', '.cache', 'node-compile-cache') : WORKER_COMPILE_CACHE;
const got: Sample[] = [];
for (let i = 0; i < samples; i++) got.push(await measureOnce(worker, traces, compileCache));
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(
  `${workerArg ?? packageRoot} ${traces ? 'traced' : 'untraced'}, ${samples} starts, load ${load}: CPU to loaded ${median(got.map((s) => s.loaded))} ms, ` +
    `to ready ${median(got.map((s) => s.ready))} ms (${Math.min(...got.map((s) => s.ready))}–${Math.max(...got.map((s) => s.ready))}), idle ${median(got.map((s) => s.idlePerSecond))} ms a second (medians)`,
);
