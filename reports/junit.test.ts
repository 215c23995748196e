import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load.test-helpers.js';
import { renderJunit } from './junit.js';

const report = loadFixture();
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

describe('JUnit XML, in the shape of the JUnit XML schema', () => {
  const xml = renderJunit(report);

  it('the root testsuites carries tests, failures, errors and time, and they add up over its suites', () => {
    const root = attrs(/<testsuites [^>]*>/.exec(xml)![0]);
    expect(Object.keys(root)).toEqual(['name', 'tests', 'failures', 'errors', 'time']);
    const suites = [...xml.matchAll(/<testsuite [^>]*>/g)].map((m) => attrs(m[0]));
    const sum = (k: string) => suites.reduce((t, s) => t + Number(s[k]), 0);
    expect(Number(root.tests)).toBe(report.cases.length);
    expect(Number(root.failures)).toBe(report.cases.filter((c) => c.verdict === 'fail').length);
    expect(Number(root.tests)).toBe(sum('tests'));
    expect(Number(root.failures)).toBe(sum('failures'));
    expect(Number(root.errors)).toBe(sum('errors'));
    expect(root.time).toBe((report.durationMs / 1000).toFixed(3));
  });

  it('each suite has name, tests, failures, errors, skipped and time; each testcase classname, name and time', () => {
    for (const m of xml.matchAll(/<testsuite [^>]*>/g)) expect(Object.keys(attrs(m[0]))).toEqual(['name', 'tests', 'failures', 'errors', 'skipped', 'time']);
    const cases = [...xml.matchAll(/<testcase [^>]*>/g)].map((m) => attrs(m[0]));
    expect(cases).toHaveLength(report.cases.length);
    for (const c of cases) expect(Object.keys(c)).toEqual(['classname', 'name', 'time']);
  });

  it('is well formed: every element it opens is closed, in order', () => {
    const stack: string[] = [];
    for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w-]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
  });
});
