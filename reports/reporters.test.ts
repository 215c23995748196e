import { describe, expect, it } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { CATEGORY_TITLES } from '../harness/report/scorecard.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

const cases: Report['cases'] = [
  { id: 'effect-safety/lost-response-on-write', scenario: 'x', category: 'effect-safety', description: 'd', faults: ['response-lost refund'], verdict: 'fail', repro: 'npx agentcheck run effect-safety/lost-response-on-write --adapter naive --seed 3', dir: '/tmp/x', properties: [{ id: 'effects-exactly-once', verdict: 'fail', evidence: [{ message: 'refund took effect 2 times <&>', step: 'refund' }] }] },
  { id: 'timers/sleep-then-act', scenario: 'y', category: 'timers', description: 'd', faults: [], verdict: 'pass', repro: 'r', dir: '/tmp/y', properties: [] },
  { id: 'runtime-durability/restart', scenario: 'z', category: 'runtime-durability', description: 'd', faults: [], verdict: 'skipped', skipReason: 'no server', repro: 'r', dir: '/tmp/z', properties: [] },
];
const counts = { passed: 0, failed: 0, unknown: 0, skipped: 0 };
const scorecard: Report['scorecard'] = {
  score: 50,
  level: 'L0',
  categories: [
    { id: 'effect-safety', title: CATEGORY_TITLES['effect-safety'], score: 0, ...counts, failed: 1 },
    { id: 'timers', title: CATEGORY_TITLES.timers, score: 100, ...counts, passed: 1 },
    { id: 'runtime-durability', title: CATEGORY_TITLES['runtime-durability'], score: null, ...counts, skipped: 1, note: 'no server' },
  ],
};
const report: Report = {
  schemaVersion: 1,
  tool: { name: 'agentcheck', version: '0.0.0' },
  adapter: { name: 'naive' },
  seed: 3,
  startedAt: '2026-11-26T00:00:00.000Z',
  durationMs: 1234,
  interrupted: false,
  scorecard,
  gate: { passed: false, reason: '1 case(s) failed' },
  cases,
};

describe('reporters read the JSON report model', () => {
  it('terminal: a table, the failing case with evidence and its replay command, no colour unless asked', () => {
    const out = renderTerminal(report, false);
    expect(out).toMatch(/Effect safety\s+0%\s+0\/1 passed/);
    expect(out).toContain('refund took effect 2 times');
    expect(out).toContain('replay: npx agentcheck run effect-safety/lost-response-on-write --adapter naive --seed 3');
    expect(out).not.toContain('\x1b[');
    expect(renderTerminal(report, true)).toContain('\x1b[31m');
  });

  it('junit: a failure with escaped evidence, a skip with its reason', () => {
    const xml = renderJunit(report);
    expect(xml).toContain('<testsuite name="effect-safety" tests="1" failures="1" errors="0" skipped="0" time="0.000">');
    expect(xml).toContain('refund took effect 2 times &lt;&amp;&gt;');
    expect(xml).toContain('<skipped message="no server"/>');
  });

  it('markdown: score line, category table, failing cases', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## agentcheck: naive');
    expect(md).toContain('| Effect safety | 0% | 0 | 1 | 0 | 0 |');
    expect(md).toContain('`effects-exactly-once`');
  });
});

describe("your own agent's case, undecided for a call the world refused", () => {
  const odd: Report['cases'][number] = { ...cases[0]!, id: 'effect-safety/odd', verdict: 'unknown', properties: [{ id: 'identity', verdict: 'pass', evidence: [] }], notes: ['GET example.org/: undeclared host example.org'] };
  const withNotes: Report = { ...report, cases: [odd] };

  it('says why, in every format', () => {
    for (const out of [renderTerminal(withNotes, false), renderMarkdown(withNotes), renderJunit(withNotes), renderHtml(withNotes)]) expect(out).toContain('undeclared host example.org');
    expect(renderJunit(withNotes)).toContain('<error message="GET example.org/: undeclared host example.org">');
  });
});

describe('a case run several times (--repeat)', () => {
  const racy: Report['cases'][number] = {
    ...cases[0]!,
    id: 'approvals/approved-on-two-workers',
    repeats: { runs: 4, verdicts: { pass: 1, fail: 3, unknown: 0 }, properties: { 'effects-exactly-once': { fail: 3, unknown: 0 } } },
  };
  const repeated: Report = { ...report, cases: [racy] };

  it('says how often it failed, in every format', () => {
    const out = renderTerminal(repeated, false);
    expect(out).toContain('FAIL approvals/approved-on-two-workers (fail 3/4, pass 1/4)');
    expect(out).toContain('✗ effects-exactly-once in 3 of 4 runs');
    expect(renderJunit(repeated)).toContain('effects-exactly-once: fail (fail 3/4, pass 1/4)');
    expect(renderMarkdown(repeated)).toContain('**approvals/approved-on-two-workers** (fail 3/4, pass 1/4)');
  });
});

describe('how the runs met their faults (which workers acted)', () => {
  const what = 'second-worker waiting approve (the first lives 1000 ms more): only the first worker acted: the second (pid 22) made no call';
  const base: Report['cases'][number] = { ...cases[1]!, id: 'approvals/approved-on-two-workers', faults: ['second-worker waiting approve'], observed: [what] };
  const repeated: Report = { ...report, cases: [{ ...base, repeats: { runs: 5, verdicts: { pass: 5, fail: 0, unknown: 0 }, properties: {}, observed: 4 } }] };
  const once: Report = { ...report, cases: [base] };

  it('says how often over repeated runs, in terminal and markdown, and per case in HTML', () => {
    expect(renderTerminal(repeated, false)).toContain(`How the runs met their faults\n  · approvals/approved-on-two-workers: in 4 of 5 runs ${what}`);
    expect(renderMarkdown(repeated)).toContain(`- **approvals/approved-on-two-workers**: in 4 of 5 runs ${what}`);
    expect(renderHtml(once)).toContain('<p class="meta">observed: second-worker waiting approve');
  });

  it('stays out of the summary of a single run, where one shape is no frequency', () => {
    expect(renderTerminal(once, false)).not.toContain('How the runs met their faults');
    expect(renderMarkdown(once)).not.toContain('How the runs met their faults');
  });
});

describe('coverage in a report', () => {
  const coverage: NonNullable<Report['coverage']> = {
    of: 'run',
    axes: [
      { id: 'steps', title: 'Steps: where each kind of step sits', rows: [{ id: 'tool-write', cells: [{ place: 'first-of-run', cases: 3 }, { place: 'in-parallel', cases: 0 }] }] },
      { id: 'struck', title: 'Struck: where the step a fault lands on sits', rows: [{ id: 'process', cells: [{ place: 'after-reject', cases: 0 }] }] },
    ],
  };
  const covered: Report = { ...report, coverage };

  it('shows the matrix and names the cells no case exercised, in terminal and markdown', () => {
    for (const out of [renderTerminal(covered, false), renderMarkdown(covered)]) {
      expect(out).toContain('Coverage: 1 of 3 cells exercised');
      expect(out).toMatch(/tool-write\s+first-of-run 3 {2}in-parallel -/);
      expect(out).toContain('Not exercised: steps: tool-write in-parallel; struck: process after-reject');
    }
  });

  it('leaves it out of a report written before coverage', () => {
    expect(renderTerminal(report, false)).not.toContain('Coverage');
    expect(renderMarkdown(report)).not.toContain('Coverage');
  });
});
