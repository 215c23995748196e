import { cellIds, cellsOf } from '../faults/coverage.js';
import type { CoverageAxis } from '../report/coverage.js';
import type { GeneratedScenario } from './arbitrary/scenario.js';

/**
 * Coverage-guided choice (decision 0041): for each case to run, the search draws
 * `window` candidates from the seed's stream and runs the one that adds the most
 * to what the cases chosen so far cover. A candidate's path is still its place in the
 * stream, so `--seed --path` replays it and shrinking walks from it as before.
 */
export interface Steering<G = GeneratedScenario> {
  /** Candidates drawn for each case run. */
  window: number;
  /** Which of the candidates to run (the first on a tie); its cells count as covered from now on. */
  choose(candidates: readonly G[]): number;
}

/** Candidates per case: enough to find a new cell while most are left, cheap to generate (each is milliseconds). */
export const STEER_WINDOW = 8;

/**
 * How much a cell is worth, by axis: where a fault lands and what it does is what
 * durability bugs hang on (a crash after a rejection, a lost answer in a parallel
 * group), so those cells pull harder than a step's position alone.
 */
const AXIS_WEIGHT: Record<string, number> = { struck: 3, faults: 2, pending: 2, decisions: 1, steps: 1 };
/** A cell no case has exercised outweighs any amount of rarity among covered ones. */
const NEW_CELL = 100;

/**
 * `cellsOfCase` names the cells a candidate exercises, as `axis/row/place` ids of the
 * model (cellIds): a plan's by default; your own agent's cases give theirs (harness/agent/coverage.ts).
 */
export function coverageSteering<G = GeneratedScenario>(model: readonly CoverageAxis[], window = STEER_WINDOW, cellsOfCase: (g: G) => readonly string[] = cellsOf as (g: G) => readonly string[]): Steering<G> {
  const counts = new Map<string, number>(cellIds(model).map((c) => [c, 0]));
  const score = (cells: readonly string[]) =>
    cells.reduce((sum, c) => {
      const n = counts.get(c);
      if (n === undefined) return sum;
      const w = AXIS_WEIGHT[c.slice(0, c.indexOf('/'))] ?? 1;
      return sum + (n === 0 ? NEW_CELL * w : w / (1 + n));
    }, 0);
  return {
    window,
    choose(candidates) {
      const cells = candidates.map((g) => cellsOfCase(g));
      let best = 0;
      cells.forEach((c, i) => {
        if (score(c) > score(cells[best]!)) best = i;
      });
      for (const c of cells[best]!) if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
      return best;
    },
  };
}
