import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentResult } from '../../harness/plan/index.js';
import { stepsFromJournal } from './history.js';

// The parent's journal of a real run of multi-agent/parent-crashes-after-child-started
// (restate-server 1.x, SDK 1.17; the Input command and the call's span context left
// out): a ctx.run, the Call to the child workflow with its two notifications, a ctx.run.
const journal = JSON.parse(readFileSync(new URL('./journal-with-child.fixture.json', import.meta.url), 'utf8')) as unknown[];
const rows = journal.map((entry) => ({ entry_json: JSON.stringify(entry) }));
const child = 'multi-agent-parent-crashes-after-child-started-fa5acb29/ask-billing';

describe('stepsFromJournal', () => {
  it('gives an agent step its child workflow\'s key as the link and the child\'s output as its result', () => {
    expect(stepsFromJournal(rows).steps).toEqual([
      { stepId: 'triage-ticket', status: 'completed', result: 'triage-ticket:d09bfc4d90' },
      {
        stepId: 'ask-billing',
        status: 'completed',
        childRun: child,
        result: agentResult({ results: { 'check-refund-policy': 'check-refund-policy:cb35514104', 'refund-payment': 'refund-payment:d381f55139' }, decisions: {} }),
      },
      { stepId: 'reply-customer', status: 'completed', result: 'reply-customer:0d2e730efa' },
    ]);
  });

  it('shows the agent step started, with its link, while the child has not answered', () => {
    const pending = rows.filter((r) => !r.entry_json.includes('"Call":{"completion_id"'));
    expect(stepsFromJournal(pending).steps.find((s) => s.stepId === 'ask-billing')).toEqual({ stepId: 'ask-billing', status: 'started', childRun: child });
  });
});
