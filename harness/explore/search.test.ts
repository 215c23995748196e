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

describe('search keeping only some cases (explore keeps its failures)', () => {
  it('lists only the cases kept, hears every case end, and still finds the failure', async () => {
    let ran = 0;
    const heard: string[] = [];
    // The tenth case to start fails.
    const runOne = async () => ({ result: { verdict: ++ran === 10 ? 'fail' : 'pass' } });
    const r = await search(runOne, fc.integer(), { seed: 3, runs: 40, concurrency: 2, keep: (c) => c.result.verdict === 'fail', onCaseEnd: (c) => heard.push(c.result.verdict) });
    expect(r.cases.map((c) => c.result.verdict)).toEqual(['fail']);
    expect(r.failure).toBe(r.cases[0]);
    // Every case that ended was heard, the passing ones too (explore counts them there).
    expect(heard.filter((v) => v === 'pass').length).toBeGreaterThanOrEqual(9);
    expect(heard.filter((v) => v === 'fail')).toHaveLength(1);
  });
});
