// The audit read: the workflow's recorded steps (DBOS's listWorkflowSteps), turned
// into one entry per plan step. llm, tool and approval-request steps carry the plan's
// step id as their name. DBOS names its own operations (DBOS.recv, DBOS.sleep) by
// the function, not the plan step, so those are matched in order: the workflow body
// is deterministic, and its n-th recv or sleep is the n-th wait it began.
import type { DBOSClient } from '@dbos-inc/dbos-sdk';
import type { RuntimeHistory } from '../../harness/adapter.js';
import type { Plan } from '../../harness/plan/schema.js';
import { allSteps } from '../../harness/plan/walk.js';

type Entry = RuntimeHistory['steps'][number];
/** What DBOS lists per recorded step (its StepInfo, which the package does not export). */
type StepInfo = NonNullable<Awaited<ReturnType<DBOSClient['listWorkflowSteps']>>>[number];

export function stepsFromHistory(recorded: StepInfo[], plan: Plan): RuntimeHistory {
  const kinds = new Map(allSteps(plan).map((s) => [s.id, s.kind] as const));
  const entries = new Map<string, Entry>();
  const waiting: string[] = []; // approvals asked, in order, whose recv is not yet matched
  const sleeps = allSteps(plan).filter((s) => s.kind === 'sleep').map((s) => s.id);
  let nextSleep = 0;
  for (const step of [...recorded].sort((a, b) => a.functionID - b.functionID)) {
    const status: Entry['status'] = step.error ? 'failed' : 'completed';
    const kind = kinds.get(step.name);
    if (kind === 'approval') {
      // The request went out; the approval is complete once its recv returned.
      entries.set(step.name, { stepId: step.name, status: step.error ? 'failed' : 'started' });
      waiting.push(step.name);
    } else if (kind) {
      entries.set(step.name, { stepId: step.name, status, ...(typeof step.output === 'string' ? { result: step.output } : {}) });
    } else if (step.name === 'DBOS.recv' && waiting.length) {
      const stepId = waiting.shift()!;
      entries.set(stepId, { stepId, status });
    } else if (step.name === 'DBOS.sleep' && nextSleep < sleeps.length) {
      const stepId = sleeps[nextSleep++]!;
      entries.set(stepId, { stepId, status });
    }
  }
  return { steps: [...entries.values()] };
}
