import { Command, type BaseCheckpointSaver, type StateSnapshot } from '@langchain/langgraph';
import type { RunOutput } from '../../harness/plan/index.js';
import { sleep } from '../../harness/kit.js';
import type { Durability } from './durability.js';
import type { Answer, ApprovalWait } from './steps.js';

// The application around the agent, as a LangGraph user must write it: LangGraph is a
// library, so starting runs, resuming them after a crash, routing a human's answer to
// the right interrupt and timing out a wait are the app's code, not the runtime's.
// Written plainly, the way LangGraph's docs show each piece: no lock per thread, no
// deduplication, nothing a LangGraph user would not have.

/** What both interpreters (graph API, functional API) offer the app: a compiled Pregel. */
export interface Agent {
  invoke(input: unknown, config: { configurable: { thread_id: string }; durability?: Durability }): Promise<unknown>;
  getState(config: { configurable: { thread_id: string } }): Promise<StateSnapshot>;
  getStateHistory(config: { configurable: { thread_id: string; checkpoint_ns?: string } }): AsyncIterableIterator<StateSnapshot>;
}

export interface Interpreter {
  agent: Agent;
  /** The input that starts a run. */
  input: unknown;
  /** Whether the run already has an answer for this approval (so a late or repeated one is ignored). */
  decided(snapshot: StateSnapshot, stepId: string): boolean;
  /** The run's output once the thread has finished; undefined while it has work left. */
  output(snapshot: StateSnapshot): RunOutput | undefined;
  /** The plan's agent steps, whose tasks ran a subgraph (graph API only). */
  agentSteps?: ReadonlySet<string>;
}

export type ApprovalOutcome = 'resumed' | 'already-decided' | 'not-waiting';

const configOf = (runId: string) => ({ configurable: { thread_id: runId } });

/** The approvals a thread waits on: the interrupts of its pending tasks. */
export function pendingApprovals(snapshot: StateSnapshot): { id: string | undefined; wait: ApprovalWait }[] {
  return snapshot.tasks.flatMap((t) => t.interrupts.map((i) => ({ id: i.id, wait: i.value as ApprovalWait })));
}

export class AgentApp {
  private readonly interpreter: Interpreter;
  private readonly checkpointer: BaseCheckpointSaver;
  private readonly log: (line: string) => void;
  private readonly durability: Durability | undefined;
  private readonly timers = new Set<string>();

  /** `durability`: LangGraph's invoke option, when the user picked one (AGENTCHECK_LANGGRAPH_DURABILITY); else LangGraph's default. */
  constructor(interpreter: Interpreter, checkpointer: BaseCheckpointSaver, log: (line: string) => void, durability?: Durability) {
    this.interpreter = interpreter;
    this.checkpointer = checkpointer;
    this.log = log;
    this.durability = durability;
  }

  /** POST /runs: run the agent on a thread named by the run id. A second start of the same id runs it again. */
  start(runId: string): void {
    this.drive(runId, this.interpreter.input, 'start');
  }

  /**
   * POST /runs/:id/approvals/:step. Read the thread's pending interrupts (as the docs
   * do to show a human what waits), then resume that interrupt with Command({resume}).
   * Between the read and the resume nothing stops a second resume: LangGraph has no
   * lock per thread.
   */
  async answer(runId: string, stepId: string, answer: Answer): Promise<ApprovalOutcome> {
    const snapshot = await this.interpreter.agent.getState(configOf(runId));
    const pending = pendingApprovals(snapshot).find((p) => p.wait.step === stepId);
    if (!pending) return this.interpreter.decided(snapshot, stepId) ? 'already-decided' : 'not-waiting';
    // With one interrupt pending, the docs' plain form; with several, address it by id.
    const many = pendingApprovals(snapshot).length > 1;
    this.drive(runId, new Command({ resume: many && pending.id ? { [pending.id]: answer } : answer }), `resume ${stepId} with ${answer}`);
    return 'resumed';
  }

  /**
   * On worker start: LangGraph resumes nothing by itself. Every thread whose latest
   * checkpoint still has tasks to run, and waits on no human, is invoked again with
   * null input (the documented way to continue from the last checkpoint).
   */
  async recover(): Promise<void> {
    const threads = new Set<string>();
    for await (const t of this.checkpointer.list({ configurable: {} })) threads.add(String(t.config.configurable?.thread_id));
    for (const runId of threads) {
      const snapshot = await this.interpreter.agent.getState(configOf(runId));
      if (snapshot.next.length === 0) continue;
      if (pendingApprovals(snapshot).length) this.armTimeouts(runId, snapshot);
      else this.drive(runId, null, 'recover');
    }
  }

  /** Invoke in the background (an HTTP handler answers at once), then arm the timeouts of any wait it stopped at. */
  private drive(runId: string, input: unknown, what: string): void {
    this.log(`${runId}: ${what}`);
    void this.interpreter.agent
      .invoke(input, { ...configOf(runId), ...(this.durability ? { durability: this.durability } : {}) })
      .then(async () => this.armTimeouts(runId, await this.interpreter.agent.getState(configOf(runId))))
      .catch((err: Error) => this.log(`${runId}: ${what} failed: ${err.message}`));
  }

  /**
   * interrupt() has no timeout: the app keeps one. The deadline lives in the thread's
   * state (saved before the wait), so a restarted worker re-arms the same deadline.
   */
  private armTimeouts(runId: string, snapshot: StateSnapshot): void {
    for (const { wait } of pendingApprovals(snapshot)) {
      const key = `${runId}/${wait.step}`;
      if (this.timers.has(key)) continue;
      this.timers.add(key);
      void sleep(Math.max(0, wait.deadline - Date.now())).then(async () => {
        this.timers.delete(key);
        const outcome = await this.answer(runId, wait.step, 'timed-out').catch((err: Error) => err.message);
        this.log(`${runId}: timeout of ${wait.step}: ${outcome}`);
      });
    }
  }
}
