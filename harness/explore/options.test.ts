import { describe, expect, it } from 'vitest';
import { defaultFaultKinds, parseFaultKinds } from './options.js';

describe('--faults', () => {
  it('parses every kind explore generates, second-worker included', () => {
    expect(parseFaultKinds('second-worker')).toEqual(['second-worker']);
    expect(parseFaultKinds('crash-worker, second-worker,crash-worker')).toEqual(['crash-worker', 'second-worker']);
    expect(parseFaultKinds('none')).toEqual([]);
    expect(() => parseFaultKinds('second-workers')).toThrow(/unknown fault kind "second-workers"; choose from .*second-worker/);
  });

  it('defaults to second-worker on every adapter: no adapter lacks it', () => {
    expect(defaultFaultKinds({ lacks: { 'restart-runtime': 'no server', 'approval-timeouts': 'none' } })).toEqual(['crash-worker', 'second-worker', 'tool-fails', 'response-lost', 'duplicate-start', 'approve-twice', 'approve-early']);
  });
});
