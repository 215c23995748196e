import { createHash } from 'node:crypto';
import type { Window } from '../timing.js';

/**
 * The moments the harness chooses for one fault of one case, drawn from the run's
 * seed: the same (seed, case, fault) gives the same values, so a seed replays exactly,
 * while other seeds land the fault elsewhere inside its fairness window.
 */
export interface Draw {
  /** An integer in [min, max]. */
  int(w: Window): number;
}

export function drawFor(seed: number, caseId: string, fault: number): Draw {
  let counter = 0;
  return {
    int({ min, max }) {
      const lo = Math.ceil(min);
      const hi = Math.max(lo, Math.floor(max));
      const bytes = createHash('sha256').update(`${seed}:${caseId}:fault ${fault}:${counter++}`).digest();
      return lo + (bytes.readUInt32BE(0) % (hi - lo + 1));
    },
  };
}
