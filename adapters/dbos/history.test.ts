import { describe, expect, it } from 'vitest';
import { Plan } from '../../harness/index.js';
import { stepsFromHistory } from './history.js';

// DBOS's step records as listWorkflowSteps returns them (shape seen in real runs):
// plan steps named by their id, recv and sleep by DBOS, a recv's timeout as a
// DBOS.sleep numbered right after it.

const plan = Plan.parse({
  name: 'refund-then-wait',
  steps: [
    { kind: 'llm', id: 'draft', tokens: 100 },
    { kind: 'approval', id: 'manager-ok', timeoutMs: 1000, approved: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }], rejected: [{ kind: 'sleep', id: 'back-off', ms: 500 }] },
    { kind: 'sleep', id: 'cool-off', ms: 500 },
    { kind: 'tool', id: 'notify', tool: 'email.send', mode: 'write' },
  ],
});

const step = (functionID: number, name: string, output: unknown = null, error: Error | null = null) => ({ functionID, name, output, error, childWorkflowID: null });

describe('stepsFromHistory', () => {
  it('names every plan step, and takes neither an approval\'s timeout nor a branch not taken for the plan\'s sleep', () => {
    const history = stepsFromHistory(
      [
        step(0, 'draft', 'draft-1'),
        step(1, 'manager-ok', 1700000000000),
        step(2, 'DBOS.recv', 'approve'),
        step(3, 'DBOS.sleep', 1700000001000), // recv's own deadline
        step(4, 'refund', 'refund-1'),
        step(5, 'DBOS.sleep', 1700000001500),
        step(6, 'notify', 'notify-1'),
      ],
      plan,
    );
    expect(history.steps).toEqual([
      { stepId: 'draft', status: 'completed', result: 'draft-1' },
      { stepId: 'manager-ok', status: 'completed' },
      { stepId: 'refund', status: 'completed', result: 'refund-1' },
      { stepId: 'cool-off', status: 'completed' },
      { stepId: 'notify', status: 'completed', result: 'notify-1' },
    ]);
  });

  it('follows the branch the recorded answer took, a timeout taking the approval\'s on-timeout path', () => {
    const history = stepsFromHistory([step(0, 'draft', 'draft-1'), step(1, 'manager-ok', 1), step(2, 'DBOS.recv', null), step(3, 'DBOS.sleep', 2), step(4, 'DBOS.sleep', 3)], plan);
    expect(history.steps.map((s) => s.stepId)).toEqual(['draft', 'manager-ok', 'back-off']);
  });

  it('leaves an approval started while its recv has not returned, and a failed step failed', () => {
    const history = stepsFromHistory([step(0, 'draft', null, new Error('503')), step(1, 'manager-ok', 1700000000000), step(3, 'DBOS.sleep', 1700000001000)], plan);
    expect(history.steps).toEqual([
      { stepId: 'draft', status: 'failed' },
      { stepId: 'manager-ok', status: 'started' },
    ]);
  });
});

describe('stepsFromHistory with an agent step', () => {
  // Recorded from a real run of multi-agent/parent-crashes-after-child-started (DBOS 5.3):
  // the child's start is an operation named after the workflow, its result a DBOS.getResult,
  // both carrying the child's workflow id.
  const agentPlan = Plan.parse({
    name: 'support',
    steps: [
      { kind: 'agent', id: 'ask-billing', agent: 'billing', plan: { steps: [{ kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write' }] } },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  });
  const child = 'run-1/ask-billing';
  const output = { results: { 'refund-payment': 'refund-payment:d381f55139' }, decisions: {} };

  it('gives the agent step its child\'s id and output once the parent got it, and leaves out the child\'s own start notice', () => {
    const parent = stepsFromHistory(
      [{ ...step(1, 'agentPlan'), childWorkflowID: child }, { ...step(2, 'DBOS.getResult', output), childWorkflowID: child }, step(3, 'reply-customer', 'r')],
      agentPlan,
    );
    expect(parent.steps).toEqual([
      { stepId: 'ask-billing', status: 'completed', childRun: child, result: JSON.stringify(output) },
      { stepId: 'reply-customer', status: 'completed', result: 'r' },
    ]);
    expect(stepsFromHistory([step(0, 'ask-billing', 'ask-billing:ecf22f38c4'), step(1, 'refund-payment', 'x')], agentPlan).steps).toEqual([{ stepId: 'refund-payment', status: 'completed', result: 'x' }]);
  });

  it('shows the agent step started while the parent still waits for its child', () => {
    expect(stepsFromHistory([{ ...step(1, 'agentPlan'), childWorkflowID: child }], agentPlan).steps).toEqual([{ stepId: 'ask-billing', status: 'started', childRun: child }]);
  });
});
