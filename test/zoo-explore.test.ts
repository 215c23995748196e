import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explore } from '../harness/explore/explore.js';
import { loadAdapter } from '../harness/load-adapter.js';
import type { FaultKind } from '../harness/faults/registry.js';

// Bounded exploration on a fixed seed against zoo mutants (test/mutants/): the old
// timer-only fencing must still be found without its scenario, as exploration first
// found it (docs/decisions/0007-reference-fencing.md). Add here any mutant that no
// built-in scenario catches (test/zoo.test.ts lists them).
const HUNTS: { mutant: string; seed: number; runs: number; faultKinds: FaultKind[]; property: string }[] = [
  { mutant: 'timer-only-fencing', seed: 1, runs: 15, faultKinds: ['second-worker'], property: 'step-isolation' },
];

describe('exploration against the zoo', () => {
  for (const h of HUNTS) {
    it(`finds ${h.mutant} (seed ${h.seed}, at most ${h.runs} cases, ${h.faultKinds.join(', ')})`, async () => {
      const adapter = await loadAdapter(join(import.meta.dirname, 'mutants', h.mutant, 'index.ts'));
      const outDir = mkdtempSync(join(tmpdir(), `agentcheck-zoo-${h.mutant}-`));
      // Shrinking is not under test here: a short budget keeps CI time down.
      const r = await explore({ adapter, seed: h.seed, runs: h.runs, faultKinds: h.faultKinds, concurrency: 2, shrinkTimeMs: 1, outDir });
      expect(r.failure, `no failure in ${r.cases.total} cases (${outDir})`).toBeDefined();
      expect(r.failure!.minimal.result.properties.filter((p) => p.verdict === 'fail').map((p) => p.id)).toContain(h.property);
    });
  }
});
