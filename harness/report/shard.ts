import { z } from 'zod';
import { UsageError } from '../errors.js';

// `--shard 2/5` splits a suite across CI runners the way vitest and Playwright do.
// Cases are dealt round-robin in id order, so every shard gets a share of each
// category (ids sort by category) and the split depends only on the ids selected,
// never on timing or on the machine (decision 0037).

export const Shard = z.object({ index: z.number().int().positive(), total: z.number().int().positive() });
export type Shard = z.infer<typeof Shard>;

/** "2/5" → { index: 2, total: 5 }; anything else is bad usage, named. */
export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total) throw new UsageError(`--shard takes <index>/<total> with 1 <= index <= total (e.g. 2/5), not "${v}"`);
  return { index, total };
}

/** This shard's share of the cases: deterministic, disjoint, and together all of them. */
export function shardOf<T extends { id: string }>(items: readonly T[], shard: Shard): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const mine = new Set(sorted.filter((_, i) => i % shard.total === shard.index - 1));
  return items.filter((x) => mine.has(x));
}

/**
 * Explore's budget split by seed: shard i of n explores its own seed (the given one
 * plus i-1) for its share of --runs, so n runners search n disjoint random streams and
 * each failure replays from the seed its shard printed.
 */
export function exploreShare(seed: number, shard: Shard, runs?: number): { seed: number; runs?: number } {
  const own = (seed + shard.index - 1) % (2 ** 31 - 1);
  return runs === undefined ? { seed: own } : { seed: own, runs: Math.ceil(runs / shard.total) };
}
