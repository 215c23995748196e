import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { Caller } from './steps.js';

// Which run a node's calls belong to. LangGraph names every task by a checkpoint
// namespace: its graph's, then "|<node>:<task id>". A subgraph's graph namespace is
// the namespace of the parent task that invoked it, and its checkpoints are saved
// under it (decision 0080). So that task is the child run: the same task resumed after
// a crash is the same child; a new task for the same agent step (a new superstep, a
// thread started over) is a second child, and the ledger sees two names.

/** The ledger's name for a child run: the started thread, then the namespace the child's checkpoints live in. */
export const childRunOf = (runId: string, namespace: string) => `${runId}/${namespace}`;

/** The namespace of a subgraph invoked by a node task: the graph's own, then the task. */
export const taskNamespace = (graphNamespace: string, node: string, taskId: string) => `${graphNamespace ? `${graphNamespace}|` : ''}${node}:${taskId}`;

/**
 * `own`: how many trailing segments of the namespace are the caller's own, not its
 * graph's. A graph node: 1 (the node's task). A functional-API task: 2, because a task
 * called from an entrypoint is named under the entrypoint's node task, which is under
 * the namespace the entrypoint was invoked in.
 */
export function callerOf(config: LangGraphRunnableConfig, own = 1): Caller {
  const runId = String(config.configurable?.thread_id);
  const parts = String(config.configurable?.checkpoint_ns ?? '').split('|');
  const graphNamespace = parts.slice(0, Math.max(0, parts.length - own)).join('|');
  return graphNamespace ? { runId, childRun: childRunOf(runId, graphNamespace) } : { runId };
}
