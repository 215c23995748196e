import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { search } from './search.js';

describe('search with a number of lanes that changes (explore --concurrency auto)', () => {
  it('asks for the number each time a case would start, and never runs more at once', async () => {
    let running = 0;
    const seen: { started: number; atOnce: number }[] = [];
    let started = 0;
    // One at a time for the first four cases, then three.
    const lanes = () => (started < 4 ? 1 : 3);
    const runOne = async () => {
      started++;
      running++;
      seen.push({ started, atOnce: running });
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return { result: { verdict: 'pass' } };
    };
    const r = await search(runOne, fc.integer(), { seed: 1, runs: 12, concurrency: lanes });
    expect(r.cases).toHaveLength(12);
    expect(seen.filter((s) => s.started <= 4).every((s) => s.atOnce === 1)).toBe(true);
    expect(Math.max(...seen.map((s) => s.atOnce))).toBe(3);
  });
});
