import { describe, expect, it } from 'vitest';
import * as shardModule from './shard.js';
import { parseShard, shardOf } from './shard.js';

describe('shards', () => {
  const items = ['c/1', 'a/2', 'b/1', 'a/1', 'c/2', 'b/2', 'd/1'].map((id) => ({ id }));

  it('are disjoint, cover every case, and do not depend on the order given', () => {
    const parts = [1, 2, 3].map((index) => shardOf(items, { index, total: 3 }).map((x) => x.id));
    expect(parts.flat().sort()).toEqual(items.map((x) => x.id).sort());
    expect(new Set(parts.flat()).size).toBe(items.length);
    expect(shardOf([...items].reverse(), { index: 2, total: 3 }).map((x) => x.id).sort()).toEqual([...parts[1]!].sort());
    // Dealt round-robin in id order: a/1, b/1, c/1 ... each shard gets a share of each category.
    expect(parts[0]!.sort()).toEqual(['a/1', 'b/2', 'd/1']);
  });

  it('more shards than cases leaves some empty', () => {
    expect(shardOf(items.slice(0, 2), { index: 5, total: 5 })).toEqual([]);
  });

  it.each(['6/5', '0/5', '2', 'a/b', '1/0', ''])('"%s" is bad usage, named', (v) => {
    expect(() => parseShard(v)).toThrow(`--shard takes <index>/<total> with 1 <= index <= total (e.g. 2/5), not "${v}"`);
  });

  it('parses i/n', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, total: 5 });
  });
});

describe("explore's budget by seed", () => {
  it('gives each shard a seed of its own and its share of the runs', () => {
    const { exploreShare } = shardModule;
    expect([1, 2, 3].map((index) => exploreShare(10, { index, total: 3 }, 20))).toEqual([{ seed: 10, runs: 7 }, { seed: 11, runs: 7 }, { seed: 12, runs: 7 }]);
    expect(exploreShare(2 ** 31 - 2, { index: 3, total: 3 })).toEqual({ seed: 1 });
  });
});
