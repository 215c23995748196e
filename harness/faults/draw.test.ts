import { describe, expect, it } from 'vitest';
import { drawFor } from './draw.js';

describe('drawFor', () => {
  const draws = (seed: number, id = 'case', fault = 0) => {
    const d = drawFor(seed, id, fault);
    return Array.from({ length: 20 }, () => d.int({ min: 10, max: 60 }));
  };
  it('replays exactly for the same seed, case and fault', () => expect(draws(1)).toEqual(draws(1)));
  it('varies with the seed, the case and the fault', () => {
    expect(draws(2)).not.toEqual(draws(1));
    expect(draws(1, 'other')).not.toEqual(draws(1));
    expect(draws(1, 'case', 1)).not.toEqual(draws(1));
  });
  it('stays inside the window, both ends included', () => {
    const all = Array.from({ length: 50 }, (_, s) => draws(s)).flat();
    expect(Math.min(...all)).toBe(10);
    expect(Math.max(...all)).toBe(60);
  });
  it('gives the lower end of an empty window', () => expect(drawFor(1, 'c', 0).int({ min: 400, max: 300 })).toBe(400));
});
