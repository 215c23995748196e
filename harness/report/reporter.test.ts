import { describe, expect, it } from 'vitest';
import { fanOut, type Reporter } from './reporter.js';
import { sampleReport } from './sample.test-helpers.js';

describe('fanOut', () => {
  it('passes each hook to every reporter that has it, in order', () => {
    const heard: string[] = [];
    const a: Reporter = { onCaseStart: (c) => heard.push(`a start ${c.id}`), onRunEnd: (r) => heard.push(`a end ${r?.seed}`) };
    const b: Reporter = { onCaseStart: (c) => heard.push(`b start ${c.id}`), render: () => 'never called by fanOut' };
    const all = fanOut([a, b]);
    all.onCaseStart({ id: 'x' });
    all.onShrinkTry({ tried: 1, steps: 1, faults: 0 });
    all.onRunEnd(sampleReport);
    expect(heard).toEqual(['a start x', 'b start x', 'a end 3']);
  });
});
