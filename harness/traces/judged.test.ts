import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/schema.js';
import { judgesTraces } from './judged.js';

const withFaults = (...kinds: string[]) => ({ category: 'approvals', faults: kinds.map((kind) => ({ kind })) }) as unknown as Pick<Scenario, 'category' | 'faults'>;

describe('which cases judge traces', () => {
  it('judges a case whose fault can split a trace or make a retry, and not one where only the human moves', () => {
    for (const kind of ['crash-worker', 'restart-runtime', 'second-worker', 'duplicate-start', 'tool-fails', 'response-lost']) expect(judgesTraces(withFaults(kind)), kind).toBe(true);
    for (const kind of ['approve-twice', 'approve-early', 'approve-late']) expect(judgesTraces(withFaults(kind)), kind).toBe(false);
    expect(judgesTraces(withFaults())).toBe(false);
    expect(judgesTraces(withFaults('approve-late', 'crash-worker'))).toBe(true);
  });

  it('judges every case of the observability category, faults or not', () => {
    expect(judgesTraces({ category: 'observability', faults: [] })).toBe(true);
  });
});
