import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PropertyId } from '../harness/checkers/verdict.js';
import { expectFailure, runBuiltIns } from './helpers.js';

// Mutation testing for the checkers: each folder of test/mutants/ is the reference
// runtime with one realistic durability bug (its README names it). The built-in suite
// must catch each with the property that bug breaks, on the scenarios named here; the
// reference itself passes those scenarios (test/reference.test.ts), so a catch is the
// bug's, not a false alarm. Scores: docs/zoo.md.

/** Where the built-in suite catches each mutant: scenario, property, the step the evidence names. */
const CAUGHT_BY_SUITE: Record<string, [scenario: string, property: PropertyId, step: string][]> = {
  'no-idempotency-key': [
    ['crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card'],
    ['effect-safety/lost-response-on-write', 'effects-exactly-once', 'refund-payment'],
    // The crash is in the shipping agent; the refund cut off is billing's, side by side.
    ['multi-agent/other-agent-crashes-mid-refund', 'effects-exactly-once', 'refund-payment'],
  ],
  'key-per-execution': [['crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card']],
  'timer-only-fencing': [['crash-recovery/zombie-worker-wakes-up', 'step-isolation', 'charge-cart']],
  'slow-lease-renewal': [['crash-recovery/second-worker-mid-run', 'step-isolation', 'write-confirmation']],
  'llm-results-not-journaled': [
    ['step-replay/crash-midway-chain', 'step-isolation', 'outline'],
    ['policy/replayed-model-calls-over-budget', 'policy', ''],
  ],
  'parallel-recorded-as-group': [['crash-recovery/crash-after-one-branch', 'step-isolation', 'draft-status-update']],
  'gives-up-at-once': [['step-replay/flaky-tool-retried-alone', 'completes', '']],
  'deadline-restarts': [
    ['timers/sleep-across-restart', 'durable-timers', 'wait-for-reply'],
    ['approvals/nobody-answers', 'durable-timers', 'approve-discount'],
  ],
  'unkeyed-approval-request': [['approvals/approval-survives-crash', 'approval-integrity', 'approve-refund']],
  'early-approval-dropped': [['approvals/approval-before-wait', 'approval-integrity', 'approve-access']],
  'fail-open-timeout': [
    ['approvals/nobody-answers', 'no-phantom-effects', 'apply-discount'],
    ['policy/refund-waits-for-approval', 'policy', 'refund'],
  ],
  'run-mailbox': [['approvals/duplicate-approval-then-another', 'approval-integrity', 'finance-approval']],
  'late-approval-accepted': [['approvals/late-approval-while-down', 'no-phantom-effects', 'send-wire']],
  'key-not-scoped-to-run': [
    ['effect-safety/two-runs-same-write', 'effects-exactly-once', 'charge-card'],
    ['approvals/two-runs-different-answers', 'approval-integrity', 'approve-refund'],
  ],
  'decision-not-scoped-to-run': [['approvals/two-runs-different-answers', 'approval-integrity', 'approve-refund']],
  'duplicate-start-runs-again': [['effect-safety/duplicate-start', 'step-isolation', 'check-order']],
  'rejection-handled-as-one-step': [['approvals/crash-after-rejection', 'step-isolation', 'draft-denial']],
  'one-wake-up-per-run': [['approvals/two-approvals-at-once', 'durable-timers', 'legal-sign-off']],
  'timeout-path-handled-as-one-step': [['approvals/crash-after-timeout', 'step-isolation', 'draft-escalation']],
  'parallel-group-retried-whole': [['effect-safety/tool-fails-in-parallel', 'step-isolation', 'draft-welcome']],
  'rejection-path-without-retries': [['approvals/tool-fails-after-rejection', 'completes', '']],
  'checkpoint-before-effect': [
    ['crash-recovery/crash-during-slow-llm', 'ordering', 'post-reply'],
    ['effect-safety/crash-during-write', 'ordering', 'record-payout'],
  ],
  'child-fresh-id': [['multi-agent/parent-crashes-after-child-started', 'agent-calls', 'ask-billing']],
  'new-trace-on-recovery': [['crash-recovery/crash-after-charge', 'traces', '']],
  'spans-lost-on-crash': [['crash-recovery/crash-after-charge', 'traces', 'plan-order']],
  'refusal-swallowed': [['policy/forbidden-tool-refused', 'policy', 'drop-table']],
  'child-follow-up-not-recorded': [['multi-agent/child-answer-delivered-again', 'step-isolation', 'draft-reply']],
  'silent-child-replaced': [['multi-agent/child-worker-dies-mid-refund', 'agent-calls', 'ask-billing']],
  'child-decision-to-parent': [['multi-agent/child-approval-survives-crash', 'approval-integrity', 'approve-refund']],
};

/** Mutants no built-in scenario catches; test/zoo-explore.test.ts must find them by exploration. */
const CAUGHT_BY_EXPLORE_ONLY: string[] = [];

const root = join(import.meta.dirname, 'mutants');
const mutants = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('the zoo of broken runtimes', () => {
  it('every mutant has a README and an expected catch, by the suite or by exploration', () => {
    for (const m of mutants) expect(existsSync(join(root, m, 'README.md')), m).toBe(true);
    expect([...Object.keys(CAUGHT_BY_SUITE), ...CAUGHT_BY_EXPLORE_ONLY].sort()).toEqual(mutants);
    // The score docs/zoo.md reports: keep the two in step.
    expect({ suite: Object.keys(CAUGHT_BY_SUITE).length, explore: CAUGHT_BY_EXPLORE_ONLY.length }).toEqual({ suite: 29, explore: 0 });
  });

  for (const [name, catches] of Object.entries(CAUGHT_BY_SUITE)) {
    it(`catches ${name}`, async () => {
      const report = await runBuiltIns(join(root, name, 'index.ts'), [...new Set(catches.map(([s]) => s))]);
      for (const [scenario, property, step] of catches) expectFailure(report, scenario, property, step || undefined);
    });
  }
});
