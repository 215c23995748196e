import type { RuntimeHistory } from '../../harness/index.js';
import type { Interpreter } from './app.js';

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
 * Helper nodes (names with "/") are the app's, not the plan's.
 */
export async function readHistory(interpreter: Interpreter, runId: string): Promise<RuntimeHistory> {
  const seen: Entry[] = [];
  let newest = true;
  for await (const snapshot of interpreter.agent.getStateHistory({ configurable: { thread_id: runId } })) {
    for (const task of snapshot.tasks) {
      if (task.name.includes('/') || task.name.startsWith('__')) continue;
      const done = !newest || task.result !== undefined;
      const result = resultOf(task.name, task.result);
      seen.push({ stepId: task.name, status: done ? 'completed' : task.error !== undefined ? 'failed' : 'started', ...(result !== undefined ? { result } : {}) });
    }
    newest = false;
  }
  // Oldest first, so the order is the run's; the strongest status wins per step.
  const steps = new Map<string, Entry>();
  for (const entry of seen.reverse()) {
    const prior = steps.get(entry.stepId);
    if (!prior || rank[entry.status] >= rank[prior.status]) steps.set(entry.stepId, entry);
  }
  return { steps: [...steps.values()] };
}
