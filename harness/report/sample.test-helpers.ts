import type { Report } from './schema.js';
import { CATEGORY_TITLES } from './scorecard.js';

/** A small report with every kind of field filled: one failing case run twice, one skipped. */
export const sampleReport: Report = {
  schemaVersion: 1,
  tool: { name: 'agentcheck', version: '0.0.0' },
  adapter: { name: 'naive', runtimeVersion: '1' },
  seed: 3,
  startedAt: '2026-11-26T00:00:00.000Z',
  durationMs: 1234,
  interrupted: false,
  scorecard: {
    score: 0,
    level: 'L0',
    categories: [{ id: 'effect-safety', title: CATEGORY_TITLES['effect-safety'], score: 0, passed: 0, failed: 1, unknown: 0, skipped: 0 }],
  },
  gate: { passed: false, reason: '1 case(s) failed' },
  cases: [
    {
      id: 'effect-safety/lost-response-on-write',
      scenario: 'effect-safety/lost-response-on-write',
      category: 'effect-safety',
      description: 'd',
      faults: ['response-lost refund'],
      verdict: 'fail',
      properties: [{ id: 'effects-exactly-once', verdict: 'fail', evidence: [{ message: 'refund took effect 2 times', step: 'refund', attempts: [1, 2], fault: 'response-lost refund' }] }],
      metrics: { durationMs: 10, reExecutedLlmCalls: 0, wastedTokens: 0, recoveryMs: [5], retries: 1, maxRetriesPerEffect: 1, workerStarts: 2 },
      repeats: { runs: 2, verdicts: { pass: 1, fail: 1, unknown: 0 }, properties: { 'effects-exactly-once': { fail: 1, unknown: 0 } } },
      repro: 'npx agentcheck run effect-safety/lost-response-on-write --adapter naive --seed 3 --repeat 2',
      dir: '/tmp/x',
    },
    { id: 'runtime-durability/restart', scenario: 'x', category: 'runtime-durability', description: 'd', faults: [], verdict: 'skipped', skipReason: 'no server', properties: [], repro: 'r', dir: '/tmp/z' },
  ],
};
