import fc from 'fast-check';
import type { GeneratedScenario } from './arbitrary/scenario.js';

/** `4`, or `4:1:0` after shrinking: a run index, then shrink steps. */
export const PATH_PATTERN = /^\d+(:\d+)*$/;

/**
 * The scenario fast-check draws at `path` for `seed`: run index, then the shrink
 * steps, walked by fast-check itself, so it is exactly the case explore ran there.
 */
export async function generatedAt<G = GeneratedScenario>(arbitrary: fc.Arbitrary<G>, seed: number, path: string): Promise<G> {
  if (!PATH_PATTERN.test(path)) throw new Error(`--path "${path}" is not a fast-check path (digits separated by ":", e.g. "4:1:0")`);
  let found: G | undefined;
  const property = fc.asyncProperty(arbitrary, async (g) => {
    // Take the first value (the one at the path), then stop fast-check's walk.
    if (found) throw new fc.PreconditionFailure(true);
    found = g;
    return true;
  });
  try {
    await fc.check(property, { seed, path, numRuns: 1 });
  } catch (err) {
    throw new Error(`--path "${path}" does not exist for seed ${seed} with these generation options: ${(err as Error).message}`);
  }
  if (!found) throw new Error(`--path "${path}" does not exist for seed ${seed} with these generation options`);
  return found;
}
