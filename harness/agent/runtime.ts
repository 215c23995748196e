// The runtime your agent runs on, as agentcheck drives it for an own-agent case: a
// server of its own per case (so `restart-runtime` can SIGKILL and start it again on
// the same data), the variables that point the agent's worker and app at it, and the
// runtime's own record of the run, read after the case to judge `audit-trail`
// (decisions 0104, 0105). A runtime plugs in with one module that exports
// `agentRuntime: AgentRuntime`, listed in AGENT_RUNTIMES below; nothing else changes.

/** A unit of work the runtime recorded for the run (Temporal: an activity), with the times its record gives. */
export interface RecordedStep {
  /** What the agent called it (Temporal: the activity type). */
  name: string;
  /** The runtime's id for it (Temporal: the workflow id and the activity id). */
  id: string;
  status: 'completed' | 'failed' | 'started';
  /** When the runtime handed it out (ms since the epoch): no call of it can come earlier. */
  from: number;
  /** When the runtime recorded its end: no call of its can come later. */
  to?: number;
}

/** The runtime's own record of one run: what an auditor would read. */
export interface RuntimeRecord {
  /** The run as the runtime last recorded it, in its own words ("COMPLETED", "RUNNING"). */
  status: string;
  completed: boolean;
  steps: RecordedStep[];
  /**
   * Work recorded with no start time (Temporal's local activities: a marker written after
   * they ran). A call outside every step is then not a finding: it may be theirs.
   */
  untimedSteps: number;
}

/** The runtime, started for one case. */
export interface RuntimeForCase {
  /** Set on the agent's worker and app (Temporal: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE), over the config's own env. */
  env: Record<string, string>;
  /** SIGKILL of the runtime's server: nothing flushed, as in a machine loss. */
  crash(): Promise<void>;
  /** Started again on the same data and address. */
  restart(): Promise<void>;
  /** The run's record; `waitMs`: how long to wait for the runtime to close a run the agent has finished. */
  readRecord(runId: string, waitMs: number): Promise<RuntimeRecord>;
  stop(): Promise<void>;
}

export interface AgentRuntime {
  /** Start the runtime's server for one case; its data lives in `dir`. */
  startForCase(dir: string): Promise<RuntimeForCase>;
}

/** The runtimes `runtime:` in agentcheck.config.ts may name, each loaded only when a config names it. */
export const AGENT_RUNTIMES = {
  temporal: () => import('../../adapters/temporal/agent-runtime.js'),
} satisfies Record<string, () => Promise<{ agentRuntime: AgentRuntime }>>;
export type AgentRuntimeName = keyof typeof AGENT_RUNTIMES;
export const AGENT_RUNTIME_NAMES = Object.keys(AGENT_RUNTIMES) as [AgentRuntimeName, ...AgentRuntimeName[]];

export async function startAgentRuntime(name: AgentRuntimeName, dir: string): Promise<RuntimeForCase> {
  const { agentRuntime } = await AGENT_RUNTIMES[name]();
  return agentRuntime.startForCase(dir);
}
