import type { RuntimeHistory } from '../../harness/index.js';
import type { Interpreter } from './app.js';
import { childRunOf, taskNamespace } from './child-run.js';

type Entry = RuntimeHistory['steps'][number];

const rank: Record<Entry['status'], number> = { started: 0, failed: 1, completed: 2 };

/** A task's recorded answer for a step: a node's state update, or a task's return value. */
function resultOf(stepId: string, result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  const fromState = (result as { _results?: Record<string, string> } | undefined)?._results?.[stepId];
  return typeof fromState === 'string' ? fromState : undefined;
}

/**
 * The audit trail from the checkpointer itself: every checkpoint of the thread
 * (getStateHistory, newest first) lists the tasks that ran from it, with the results
 * or errors the saver recorded. LangGraph writes the next checkpoint only once every
 * task of a superstep has finished, so a task of any checkpoint but the newest
 * completed; the newest one's tasks completed only if their result is recorded.
 * Helper nodes (names with "/") are the app's, not the plan's. An agent step's task
 * ran a subgraph whose checkpoints are under the task's namespace: its entry names
 * that child run, and the child's own steps follow, read from that namespace.
 */
export async function readHistory(interpreter: Interpreter, runId: string): Promise<RuntimeHistory> {
  return { steps: await readGraph(interpreter, runId, '') };
}

async function readGraph(interpreter: Interpreter, runId: string, namespace: string): Promise<Entry[]> {
  const seen: Entry[] = [];
  const children: string[] = [];
  let newest = true;
  for await (const snapshot of interpreter.agent.getStateHistory({ configurable: { thread_id: runId, checkpoint_ns: namespace } })) {
    for (const task of snapshot.tasks) {
      if (task.name.includes('/') || task.name.startsWith('__')) continue;
      const done = !newest || task.result !== undefined;
      const result = resultOf(task.name, task.result);
      const child = interpreter.agentSteps?.has(task.name) ? taskNamespace(namespace, task.name, task.id) : undefined;
      if (child && !children.includes(child)) children.push(child);
      seen.push({
        stepId: task.name,
        status: done ? 'completed' : task.error !== undefined ? 'failed' : 'started',
        ...(child ? { childRun: childRunOf(runId, child) } : {}),
        ...(result !== undefined ? { result } : {}),
      });
    }
    newest = false;
  }
  // Oldest first, so the order is the run's; the strongest status wins per step.
  const steps = new Map<string, Entry>();
  for (const entry of seen.reverse()) {
    const prior = steps.get(entry.stepId);
    if (!prior || rank[entry.status] >= rank[prior.status]) steps.set(entry.stepId, entry);
  }
  const out = [...steps.values()];
  for (const child of children) out.push(...(await readGraph(interpreter, runId, child)));
  return out;
}
