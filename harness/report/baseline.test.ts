import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, failuresOf, readBaseline, writeBaseline } from './baseline.js';

type Case = Parameters<typeof failuresOf>[0][number];
const fail = (id: string, ...props: Case['properties'][number]['id'][]): Case => ({ id, verdict: 'fail', properties: props.map((p) => ({ id: p, verdict: 'fail' })) });
const pass = (id: string): Case => ({ id, verdict: 'pass', properties: [{ id: 'completes', verdict: 'pass' }] });
const tmp = () => mkdtempSync(join(tmpdir(), 'agentcheck-baseline-'));

describe('a baseline of known failures', () => {
  const cases = [fail('a/one', 'effects-exactly-once', 'step-isolation'), fail('a/two', 'approval-integrity'), pass('a/three'), { id: 'a/four', verdict: 'unknown', properties: [] }];

  it('keys each failing property of a case, and a case not judged at all by its scenario alone', () => {
    expect(failuresOf(cases)).toEqual([
      { scenario: 'a/one', property: 'effects-exactly-once' },
      { scenario: 'a/one', property: 'step-isolation' },
      { scenario: 'a/two', property: 'approval-integrity' },
      { scenario: 'a/four' },
    ]);
  });

  it('sorts the failures into known and new, and names the listed ones that now pass as fixed', () => {
    const listed = [
      { scenario: 'a/one', property: 'effects-exactly-once' as const },
      { scenario: 'a/three', property: 'ordering' as const }, // passes now: fixed
      { scenario: 'a/not-run', property: 'ordering' as const }, // did not run: neither
    ];
    const out = compareWithBaseline(cases, listed, 'known.json');
    expect(out.known).toEqual([{ scenario: 'a/one', property: 'effects-exactly-once' }]);
    expect(out.new).toEqual([{ scenario: 'a/one', property: 'step-isolation' }, { scenario: 'a/two', property: 'approval-integrity' }, { scenario: 'a/four' }]);
    expect(out.fixed).toEqual([{ scenario: 'a/three', property: 'ordering' }]);
  });

  it('writes the failures, keeping entries for scenarios this run did not execute; reads them back', () => {
    const file = join(tmp(), 'known.json');
    writeBaseline(file, [fail('b/x', 'ordering'), pass('b/y')], [{ scenario: 'b/y', property: 'ordering' }, { scenario: 'c/other', property: 'completes' }]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, failures: [{ scenario: 'b/x', property: 'ordering' }, { scenario: 'c/other', property: 'completes' }] });
    expect(readBaseline(file)).toEqual([{ scenario: 'b/x', property: 'ordering' }, { scenario: 'c/other', property: 'completes' }]);
  });

  it('a missing file is an empty baseline', () => {
    expect(readBaseline(join(tmp(), 'none.json'))).toEqual([]);
  });

  it('a bad file is one usage error naming the file, the entry and what was expected', () => {
    const file = join(tmp(), 'known.json');
    writeFileSync(file, JSON.stringify({ version: 1, failures: [{ scenario: 'a/one', property: 'exactly-once' }] }));
    expect(() => readBaseline(file)).toThrow(`--baseline ${file}: failures[0].property: expected a property id (completes, correct-output`);
    writeFileSync(file, '{ nope');
    expect(() => readBaseline(file)).toThrow(`--baseline ${file} is not JSON`);
  });
});
