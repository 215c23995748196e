import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreSummary } from '../../cli/explore-summary.js';
import { checkersExcept, checkers } from '../checkers/index.js';
import type { PropertyId } from '../checkers/verdict.js';
import { loadAdapter } from '../load-adapter.js';
import type { CaseResult } from '../report/case.js';
import { explore } from './explore.js';
import { exploreReplayCommand, replayFlags, generateOptionsFor } from './options.js';

// explore --ignore: a known failure set aside (DBOS's traces, split by every recovery)
// must not stop the search; the properties are not judged at all, and every command and
// summary says so, so nobody reads "no failure" as "those held".

const tmp = () => mkdtempSync(join(tmpdir(), 'agentcheck-ignore-'));
const judged = (dir: string): PropertyId[] => (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseResult).properties.map((p) => p.id);

describe('explore --ignore', () => {
  it('leaves out exactly the named checkers', () => {
    expect(checkersExcept([])).toBe(checkers);
    expect(checkersExcept(['traces', 'audit-trail']).map((c) => c.id)).toEqual(checkers.map((c) => c.id).filter((id) => id !== 'traces' && id !== 'audit-trail'));
  });

  it('is repeated by the replay command', async () => {
    const adapter = await loadAdapter('reference');
    const flags = replayFlags(adapter, generateOptionsFor(adapter, {}), { seed: 3, timeoutMs: 10_000, ignore: ['traces', 'ordering'] });
    expect(exploreReplayCommand(flags, '4:1')).toBe('npx agentcheck explore --adapter reference --seed 3 --path "4:1" --ignore traces,ordering');
    expect(exploreReplayCommand(replayFlags(adapter, generateOptionsFor(adapter, {}), { seed: 3, timeoutMs: 10_000 }), '4:1')).not.toContain('--ignore');
  });

  // The naive runtime fails effects-exactly-once on a lost response (its tool call is
  // retried without a key): found without --ignore, never judged with it.
  it('on a known-bad runtime: the failure it finds without --ignore is not judged with it, and the search goes on', async () => {
    const base = { adapter: await loadAdapter('naive'), adapterArg: 'naive', seed: 11, runs: 6, faultKinds: ['response-lost' as const], concurrency: 2, shrinkTimeMs: 1 };
    const plain = await explore({ ...base, outDir: tmp() });
    expect(plain.failure?.minimal.result.properties.filter((p) => p.verdict === 'fail').map((p) => p.id)).toContain('effects-exactly-once');

    const seen: string[] = [];
    const set = await explore({ ...base, outDir: tmp(), ignore: ['effects-exactly-once'], onCaseEnd: (c) => seen.push(c.result.dir) });
    // Without --ignore the search stopped at that failure; with it, it runs past that case,
    // unless it stops at another property's failure first.
    if (set.failure) expect(set.failure.minimal.result.properties.filter((p) => p.verdict === 'fail').map((p) => p.id)).not.toContain('effects-exactly-once');
    else expect(set.cases.total).toBeGreaterThan(plain.failure!.found.runs);
    for (const dir of seen) expect(judged(dir)).not.toContain('effects-exactly-once');
    expect(set.ignored).toEqual(['effects-exactly-once']);
    if (set.failure) expect(set.failure.replay.explore).toContain('--ignore effects-exactly-once');
    expect(exploreSummary(set)).toContain('Not judged (--ignore): effects-exactly-once');
  }, 120_000);
});
