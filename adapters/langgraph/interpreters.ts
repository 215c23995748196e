import type { BaseCheckpointSaver, StateSnapshot } from '@langchain/langgraph';
import type { LedgerAddress } from '../../harness/kit.js';
import { allSteps, type Plan, sortOutput } from '../../harness/plan/index.js';
import type { Interpreter } from './app.js';
import { buildGraph } from './graph.js';
import type { AgentStateValue } from './state.js';

/** The interpreters an adapter can pick: LangGraph's two APIs, and the known-bad graph. */
export type InterpreterName = 'graph' | 'graph-unsafe' | 'functional';

/**
 * A thread is finished when its latest checkpoint has nothing left to run. Tasks must
 * be empty too: read from another process between a task's writes and the next
 * checkpoint, a snapshot shows `next: []` with the finished task still listed.
 */
export const finished = (snapshot: StateSnapshot) => Boolean(snapshot.createdAt) && snapshot.next.length === 0 && snapshot.tasks.length === 0;

export async function makeInterpreter(name: InterpreterName, plan: Plan, checkpointer: BaseCheckpointSaver, ledger: LedgerAddress): Promise<Interpreter> {
  if (name === 'functional') {
    const { buildEntrypoint } = await import('./functional.js');
    return buildEntrypoint(plan, checkpointer, ledger);
  }
  const agent = buildGraph(plan, { ledger, unsafe: name === 'graph-unsafe' }).compile(checkpointer);
  return {
    agent,
    input: {},
    agentSteps: new Set(allSteps(plan).filter((s) => s.kind === 'agent').map((s) => s.id)),
    decided: (snapshot, stepId) => stepId in ((snapshot.values as Partial<AgentStateValue>)._decisions ?? {}),
    output(snapshot) {
      if (!finished(snapshot)) return undefined;
      const values = snapshot.values as AgentStateValue;
      return sortOutput({ results: values._results ?? {}, decisions: values._decisions ?? {} });
    },
  };
}
