import { Annotation } from '@langchain/langgraph';
import type { Decision } from '../../harness/plan/index.js';

// The graph's state: what the checkpointer saves after every superstep. Channel names
// start with "_" so that no step id (which starts with a letter or digit) can clash
// with them: LangGraph forbids a node named like a channel.

const merge = <T>() =>
  Annotation<Record<string, T>>({
    reducer: (a, b) => ({ ...a, ...b }),
    default: () => ({}),
  });

export const AgentState = Annotation.Root({
  /** Each llm/tool step's answer, by step id. */
  _results: merge<string>(),
  /** Each approval's outcome, by step id. */
  _decisions: merge<Decision>(),
  /** When each approval stops waiting (epoch ms), saved before the run waits so it survives restarts. */
  _deadlines: merge<number>(),
  /** When each sleep ends (epoch ms), saved before the sleep so a restart sleeps only the rest. */
  _wakeAt: merge<number>(),
});

export type AgentStateValue = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
