import { describe, expect, it } from 'vitest';
import { expectAllPass, runBuiltIns } from './helpers.js';
import { Report } from '../harness/report/schema.js';

// The reference runtime is correct by construction: any failure here is a false alarm
// of agentcheck itself, so every case must pass, on more than one seed.
describe('the built-in suite against the reference runtime', () => {
  for (const seed of [1, 2]) {
    it(`passes every case with seed ${seed}, and scores L3`, async () => {
      const report = await runBuiltIns('reference', [], { seed });
      expectAllPass(report);
      expect(Report.safeParse(report).success).toBe(true);
      expect(report.scorecard).toMatchObject({ score: 100, level: 'L3' });
      // Runtime durability has no server to crash here; it is skipped with the reason.
      expect(report.cases.filter((c) => c.verdict === 'skipped').map((c) => c.id)).toEqual(['runtime-durability/restart-runtime-mid-run']);
      // Every property id the built-ins exercise (PROPERTY_IDS in harness/checkers/verdict.ts) was decided somewhere in the suite.
      const decided = new Set(report.cases.flatMap((c) => c.properties.map((p) => p.id)));
      expect([...decided].sort()).toEqual(['agent-calls', 'approval-integrity', 'audit-trail', 'completes', 'correct-output', 'durable-timers', 'effects-exactly-once', 'no-phantom-effects', 'ordering', 'policy', 'step-isolation', 'traces']);
      // Crashes cost the reference nothing but the call they cut off.
      const midLlm = report.cases.find((c) => c.id === 'crash-recovery/crash-during-slow-llm')!;
      expect(midLlm.metrics).toMatchObject({ reExecutedLlmCalls: 1, wastedTokens: 6000 });
      expect(midLlm.metrics!.recoveryMs).toHaveLength(1);
      // The report says what the suite exercised; the cells built-ins were added for stay covered (docs/coverage.md).
      const cases = (axis: string, row: string, place: string) => report.coverage?.axes.find((a) => a.id === axis)?.rows.find((r) => r.id === row)?.cells.find((c) => c.place === place)?.cases;
      expect(cases('pending', 'approvals', 'two-at-once')).toBeGreaterThan(0);
      expect(cases('struck', 'process', 'after-reject')).toBeGreaterThan(0);
      expect(cases('struck', 'process', 'after-timeout')).toBeGreaterThan(0);
      expect(cases('struck', 'effect', 'in-parallel')).toBeGreaterThan(0);
      expect(cases('struck', 'effect', 'after-reject')).toBeGreaterThan(0);
      expect(cases('decisions', 'human', 'timeout')).toBeGreaterThan(0);
      expect(cases('faults', 'stall-worker', 'after-effect')).toBeGreaterThan(0);
    });
  }
});
