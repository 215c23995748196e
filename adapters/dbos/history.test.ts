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
