// npm run zoo-sweep [-- --modes suite,steered,plain] [-- --runs N] [-- --seed N]
//                   [-- --concurrency N] [-- --out FILE] [mutant names]
// The zoo's catch rate three ways (issue 22): the built-in suite, explore steered
// toward uncovered cells, and explore with --no-steer, each mutant of test/mutants/
// on the same seed and budget. Explore stops at its first failure, so "found after n"
// gives the catch rate of every smaller budget from one sweep. Each result is appended
// to --out as one JSON line as it ends (a sweep cut short keeps what it measured);
// the table at the end is what docs/zoo.md quotes. Not part of `npm test`: on 2 loaded
// cores a whole sweep takes about an hour.
import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { explore } from '../harness/explore/index.js';
import { loadAdapter } from '../harness/load-adapter.js';
import { packageRoot } from '../harness/paths.js';
import { coverageCount } from '../harness/report/coverage.js';
import { runSuite } from '../harness/run-suite.js';
import { selectScenarios } from '../harness/scenario/discover.js';

const { values, positionals } = parseArgs({
  options: {
    modes: { type: 'string', default: 'steered,plain,suite' },
    runs: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '1' },
    out: { type: 'string', default: 'zoo-sweep.jsonl' },
  },
  allowPositionals: true,
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const modes = values.modes.split(',') as Mode[];
type Mode = 'suite' | 'steered' | 'plain';

interface Row {
  mutant: string;
  mode: Mode;
  /** Explore: cases run when the first failure was found; suite: the failing scenarios. */
  foundAfter?: number;
  /** Explore: the properties the first failure failed, and how many of its replays failed the same way (0: a race, maybe the harness's). */
  failed?: string[];
  replayed?: string;
  failing?: string[];
  cases: number;
  undecided: number;
  covered: string;
  seconds: number;
  load: number;
}

const root = join(packageRoot, 'test', 'mutants');
const all = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const mutants = positionals.length ? positionals : all;
const tmp = (m: string) => mkdtempSync(join(tmpdir(), `agentcheck-zoo-sweep-${m}-`));

console.log(`zoo sweep: ${mutants.length} mutants × ${modes.join(', ')}; seed ${seed}, ${runs} cases, concurrency ${concurrency}; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const rows: Row[] = [];
for (const m of mutants) {
  const adapter = await loadAdapter(join(root, m, 'index.ts'));
  for (const mode of modes) {
    const started = Date.now();
    const load = loadavg()[0]!;
    let row: Row;
    if (mode === 'suite') {
      const report = await runSuite({ adapter, adapterArg: adapter.name, scenarios: await selectScenarios([]), sourceOf: (s) => s.id, seed, outDir: tmp(m), timeoutMs: 10_000, concurrency, repeat: 1 });
      const failing = report.cases.filter((c) => c.verdict === 'fail').map((c) => c.id);
      const n = report.coverage ? coverageCount(report.coverage) : undefined;
      row = { mutant: m, mode, failing, cases: report.cases.length, undecided: report.cases.filter((c) => c.verdict === 'unknown').length, covered: n ? `${n.covered}/${n.total}` : '', seconds: 0, load };
    } else {
      const r = await explore({ adapter, seed, runs, concurrency, steer: mode === 'steered', shrinkTimeMs: 0, outDir: tmp(m) });
      const n = coverageCount(r.coverage);
      const f = r.failure;
      row = { mutant: m, mode, ...(f ? { foundAfter: f.found.runs, failed: f.minimal.result.properties.filter((p) => p.verdict === 'fail').map((p) => p.id), replayed: `${f.replays.failed}/${f.replays.runs}` } : {}), cases: r.cases.total, undecided: r.cases.unknown, covered: `${n.covered}/${n.total}`, seconds: 0, load };
    }
    row.seconds = Math.round((Date.now() - started) / 1000);
    rows.push(row);
    appendFileSync(values.out, JSON.stringify(row) + '\n');
    console.log(`${m} ${mode}: ${verdictOf(row)} (${row.cases} cases, ${row.undecided} undecided, coverage ${row.covered}, ${row.seconds} s, load ${load.toFixed(1)})`);
  }
}

function verdictOf(r: Row): string {
  if (r.mode === 'suite') return r.failing!.length ? `caught by ${r.failing!.join(', ')}` : 'not caught';
  if (r.foundAfter === undefined) return `not in ${r.cases}`;
  return `${caught(r) ? 'found' : 'a failure that did not replay'} after ${r.foundAfter} (${r.failed!.join(', ')}; replays failed ${r.replayed})`;
}

/** A find counts only if its minimal case fails again when replayed: a failure no replay shows may be a race of the harness under load. */
const caught = (r: Row) => r.foundAfter !== undefined && !r.replayed?.startsWith('0/');

// The catch rate at each budget: a mutant found after n cases is caught by any budget >= n.
console.log('\n| mutant | ' + modes.join(' | ') + ' |\n|---|' + modes.map(() => '---|').join(''));
for (const m of mutants) console.log(`| \`${m}\` | ${modes.map((mode) => { const r = rows.find((x) => x.mutant === m && x.mode === mode); return r ? verdictOf(r) : ''; }).join(' | ')} |`);
const budgets = [5, 10, 20, 30, 40, 60, 80, 100, 150, 200].filter((b) => b <= runs);
console.log('\n| cases | ' + modes.filter((x) => x !== 'suite').join(' | ') + ' |\n|---|' + modes.filter((x) => x !== 'suite').map(() => '---|').join(''));
for (const b of budgets) {
  console.log(`| ${b} | ${modes.filter((x) => x !== 'suite').map((mode) => rows.filter((r) => r.mode === mode && caught(r) && r.foundAfter! <= b).length + ` of ${mutants.length}`).join(' | ')} |`);
}
