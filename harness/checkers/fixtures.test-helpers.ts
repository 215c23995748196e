// Hand-built histories for checker tests: each test states exactly what the outside
// world saw, so a checker is shown both passing and failing on known histories.
import { Scenario, type ScenarioInput } from '../scenario/schema.js';
import { computeOracle, oraclesFor } from '../oracle.js';
import { eventsOfRun, type CaseHistory, type HistoryEvent } from '../history.js';
import type { LedgerEvent, Outcome } from '../ledger/events.js';
import type { RunOutput } from '../plan/execute.js';
import type { CheckInput } from './verdict.js';
import type { StoredSpan } from '../traces/span.js';

export const RUN = 'run-1';
export const T0 = 1_000_000;

export function scenario(input: Omit<ScenarioInput, 'category' | 'description'> & Partial<ScenarioInput>): Scenario {
  const parsed = Scenario.parse({ category: 'crash-recovery', description: 'test', ...input });
  return { ...parsed, id: 'test' };
}

export class HistoryBuilder {
  private readonly effects: LedgerEvent[] = [];
  private readonly events: HistoryEvent[] = [];
  private result: CaseHistory['result'];
  private readonly results = new Map<string, NonNullable<CaseHistory['result']>>();
  private runtimeHistory: CaseHistory['runtimeHistory'];
  private spans: StoredSpan[] | undefined;
  private seq = 0;

  /** One ledger event; `at` is ms after T0, the request lasts `took` ms. */
  effect(stepId: string, outcome: Outcome, at: number, opts: { pid?: number; key?: string; kind?: LedgerEvent['kind']; took?: number; runId?: string; childRun?: string; trace?: LedgerEvent['trace']; abandonedAt?: number; tool?: string; reason?: string } = {}): this {
    const runId = opts.runId ?? RUN;
    const attempt = this.effects.filter((e) => e.stepId === stepId && e.runId === runId).length + 1;
    this.effects.push({
      runId,
      stepId,
      kind: opts.kind ?? 'tool',
      pid: opts.pid ?? 100,
      ...(opts.key ? { idempotencyKey: opts.key } : {}),
      ...(opts.childRun ? { childRun: opts.childRun } : {}),
      ...(opts.tool ? { tool: opts.tool } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      seq: ++this.seq,
      attempt,
      outcome,
      receivedAt: T0 + at,
      finishedAt: T0 + at + (opts.took ?? 1),
      ...(opts.trace ? { trace: opts.trace } : {}),
      ...(opts.abandonedAt !== undefined ? { abandonedAt: T0 + opts.abandonedAt } : {}),
    });
    return this;
  }
  event(e: HistoryEvent): this {
    this.events.push({ ...e, at: T0 + e.at });
    return this;
  }
  /** SIGKILL sent at `at`, the process reaped (and the event logged) `reapedAfter` ms later. */
  killed(pid: number, at: number, reapedAfter = 0): this {
    return this.event({ type: 'worker', event: 'killed', pid, at: at + reapedAfter, ...(reapedAfter ? { signalledAt: T0 + at } : {}) });
  }
  frozen(pid: number, at: number): this {
    return this.event({ type: 'worker', event: 'frozen', pid, at });
  }
  thawed(pid: number, at: number): this {
    return this.event({ type: 'worker', event: 'thawed', pid, at });
  }
  ready(pid: number, at: number): this {
    return this.event({ type: 'worker', event: 'ready', pid, at });
  }
  /** `run`: the run it was given to, in a case of several runs. */
  delivered(step: string, at: number, run?: string): this {
    this.event({ type: 'op', op: 'deliver-approval', phase: 'invoke', step, at, ...(run ? { run } : {}) });
    return this.event({ type: 'op', op: 'deliver-approval', phase: 'ok', step, at, ...(run ? { run } : {}) });
  }
  completed(output: Partial<RunOutput>, at = 5000, run?: string): this {
    const result = { status: 'completed' as const, output: { results: {}, decisions: {}, ...output } };
    if (run) this.results.set(run, result);
    else this.result = result;
    return this.event({ type: 'op', op: 'await-result', phase: 'ok', at, ...(run ? { run } : {}) });
  }
  failed(error: string): this {
    this.result = { status: 'failed', error };
    return this;
  }
  /** Spans the trace receiver got (giving any, even none, makes the case traced). */
  traced(...spans: StoredSpan[]): this {
    this.spans = [...(this.spans ?? []), ...spans];
    return this;
  }
  history(h: CaseHistory['runtimeHistory']): this {
    this.runtimeHistory = h;
    return this;
  }
  input(s: Scenario): CheckInput {
    const history: CaseHistory = {
      startedAt: T0,
      runId: RUN,
      events: [...this.events].sort((a, b) => a.at - b.at),
      effects: this.effects,
      ...(this.result ? { result: this.result } : {}),
      ...(this.runtimeHistory ? { runtimeHistory: this.runtimeHistory } : {}),
      ...(this.spans ? { spans: this.spans } : {}),
    };
    return { scenario: s, oracle: computeOracle(s), history, faults: s.faults };
  }
  /** One input per run of a case of several runs (`runIds` in the scenario's run order), as run-case judges them. */
  inputs(s: Scenario, runIds: string[]): CheckInput[] {
    const events = [...this.events].sort((a, b) => a.at - b.at);
    const oracles = oraclesFor(s);
    return runIds.map((runId, i) => {
      const result = this.results.get(runId);
      const history: CaseHistory = { startedAt: T0, runId, runIds, events: eventsOfRun(events, runId), effects: this.effects, ...(result ? { result } : {}), ...(this.spans ? { spans: this.spans } : {}) };
      return { scenario: s, oracle: oracles[i], history, faults: s.faults };
    });
  }
}
