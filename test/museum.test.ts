import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL_ENV } from '../harness/postgres/index.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../harness/postgres/embedded.js';
import type { Report } from '../harness/report/schema.js';
import { SCENARIO_EXTENSIONS } from '../harness/scenario/load.js';
import type { Exhibit } from '../museum/exhibit.js';
import { agentcheck } from './cli.js';

// The museum (docs/museum.md): each exhibit is a bug that shipped in a runtime. The
// release that had it must fail its scenario, and only on the properties that catch
// it; the release that fixed it must pass. `npm test` runs seed 1 of the exhibits not
// marked `long`; `npm run museum` (MUSEUM_ALL=1) runs them all, on MUSEUM_SEEDS. Pinned releases install once into ~/.cache/agentcheck/museum.

const museum = join(import.meta.dirname, '..', 'museum');
const seeds = (process.env.MUSEUM_SEEDS ?? '1').split(',').map(Number);
const exhibits = readdirSync(museum, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const out = mkdtempSync(join(tmpdir(), 'agentcheck-museum-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The version a pin names: `name@1.2.3` (npm) or `name==1.2.3` (PyPI). */
const versionOf = (pin: string) => (pin.includes('==') ? pin.slice(pin.indexOf('==') + 2) : pin.slice(pin.lastIndexOf('@') + 1));

/** A built-in id, or a scenario file in the exhibit's folder (decision 0076). */
const scenarioOf = (name: string, exhibit: Exhibit) => (SCENARIO_EXTENSIONS.includes(extname(exhibit.scenario)) ? join(museum, name, exhibit.scenario) : exhibit.scenario);

/** Run the exhibit's scenario against pinned releases; the report of its one case. */
async function runPinned(name: string, exhibit: Exhibit, pins: string[], seed: number, env: Record<string, string>) {
  const dir = join(out, `${name}-${pins.join('+').replaceAll('/', '_')}-${seed}`);
  const args = ['run', scenarioOf(name, exhibit), '--adapter', exhibit.adapter, '--seed', String(seed), '--repeat', String(exhibit.repeat), '--reporter', 'json', '--out', dir];
  for (const pin of pins) args.push('--pin', pin);
  if (exhibit.timeoutMs) args.push('--timeout', String(exhibit.timeoutMs));
  const result = await agentcheck(args, env);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  const c = report.cases[0]!;
  // Which properties failed in any run (with --repeat the report counts them per property).
  const failing = c.repeats
    ? Object.entries(c.repeats.properties).filter(([, n]) => (n?.fail ?? 0) > 0).map(([id]) => id)
    : c.properties.filter((p) => p.verdict === 'fail').map((p) => p.id);
  const evidence = c.properties.filter((p) => p.verdict !== 'pass').map((p) => `${p.id}: ${p.evidence.map((e) => e.message).join(' | ')}`);
  return { exitCode: result.exitCode, stderr: result.stderr, report, c, failing, evidence };
}

const all = process.env.MUSEUM_ALL === '1';

for (const name of exhibits) {
  const exhibit = ((await import(join(museum, name, 'exhibit.ts'))) as { default: Exhibit }).default;
  if (exhibit.long && !all) {
    console.log(`museum/${name} takes minutes: it runs in \`npm run museum\`, not here`);
    continue;
  }
  describe(`museum/${name}`, () => {
    // What the runs need besides the pins (decision 0056): an adapter option, a Postgres of their own.
    const env: Record<string, string> = { ...exhibit.env };
    let postgres: EmbeddedPostgres | undefined;
    beforeAll(async () => {
      if (!exhibit.postgres) return;
      postgres = await startEmbeddedPostgres();
      env[POSTGRES_URL_ENV] = postgres.url;
    }, 120_000);
    afterAll(async () => postgres?.stop());
    for (const seed of seeds) {
      it(`${exhibit.bug}: ${exhibit.affected.join(', ')} fails ${exhibit.scenario} on ${exhibit.catches.join(' / ')} (seed ${seed})`, { timeout: 600_000 }, async () => {
        const run = await runPinned(name, exhibit, exhibit.affected, seed, env);
        // The report names the pinned release: the bug is shown in the version that had it.
        for (const pin of exhibit.affected) expect(run.report.adapter.runtimeVersion).toContain(versionOf(pin));
        expect(run.c.verdict, run.evidence.join('\n')).toBe('fail');
        // Its replay command pins the same release.
        for (const pin of exhibit.affected) expect(run.c.repro).toContain(`--pin ${pin}`);
        expect(run.exitCode).toBe(1);
        expect(run.failing.length).toBeGreaterThan(0);
        expect(run.failing.filter((p) => !exhibit.catches.includes(p as Exhibit['catches'][number])), run.evidence.join('\n')).toEqual([]);
        console.log(`${name} seed ${seed} ${exhibit.affected.join(' ')}: ${run.c.repeats ? `${run.c.repeats.verdicts.fail} of ${run.c.repeats.runs} runs failed` : 'failed'}: ${run.failing.join(', ')}`);
      });
      it(`${exhibit.bug}: ${exhibit.fixed.join(', ')} passes ${exhibit.scenario} (seed ${seed})`, { timeout: 600_000 }, async () => {
        const run = await runPinned(name, exhibit, exhibit.fixed, seed, env);
        for (const pin of exhibit.fixed) expect(run.report.adapter.runtimeVersion).toContain(versionOf(pin));
        expect(run.c.verdict, run.evidence.join('\n') + run.stderr).toBe('pass');
        expect(run.exitCode).toBe(0);
      });
    }
  });
}
