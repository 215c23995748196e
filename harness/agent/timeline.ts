import { buildTimeline, type Timeline, type TimelineEvent } from '../report/timeline.js';
import type { AgentScenario } from './config.js';
import type { AgentFaultKind } from './faults.js';
import { decisionsOf, type AgentHistory } from './properties/history.js';

/** What a fault did, in the words the HTML timeline labels a runtime's faults with. */
const ACTION: Record<AgentFaultKind, string> = {
  'crash-worker before-effect': 'crash',
  'crash-worker during-effect': 'crash',
  'crash-worker after-effect': 'crash',
  'response-lost': 'apply-then-drop-connection',
  fails: 'reply-503',
  'hang before-effect': 'hang',
  'hang after-effect': 'apply-then-hang',
  slow: 'hold-then-apply',
  'restart-runtime before-effect': 'restart-runtime',
  'restart-runtime during-effect': 'restart-runtime',
  'restart-runtime after-effect': 'restart-runtime',
};

/**
 * The worker's start and kill under the pid its calls carry. agentcheck starts the
 * worker's command through a shell, so the process it spawns and kills is the shell,
 * while the calls come from the agent's own process under it: each start is given the
 * pid of the first call after it (before the next start), so the timeline shows one row
 * per worker, its calls on it. A worker that never called keeps the shell's pid.
 */
function agentPids(history: AgentHistory): NonNullable<AgentHistory['workers']> {
  const workers = history.workers ?? [];
  const starts = workers.filter((w) => w.event === 'spawned');
  const pidOf = new Map<number, number>();
  starts.forEach((w, i) => {
    const next = starts[i + 1]?.at ?? Infinity;
    const first = history.events.find((e) => e.pid !== undefined && e.receivedAt >= w.at && e.receivedAt < next);
    if (first?.pid !== undefined) pidOf.set(w.pid, first.pid);
  });
  return workers.map((w) => ({ ...w, pid: pidOf.get(w.pid) ?? w.pid }));
}

/**
 * An own-agent case's timeline, as a runtime's case has one (decision 0035): every call
 * the world answered, each fault as it fired, the worker's starts and kills, the start of
 * the run and the person's decision. Absent for a history without its start (none is).
 */
export function agentTimeline(scenario: AgentScenario, history: AgentHistory, durationMs: number): Timeline | undefined {
  const { startedAt } = history;
  if (startedAt === undefined) return undefined;
  const base = buildTimeline({ startedAt, events: [], effects: history.events }, startedAt + durationMs);
  const rel = (t: number) => Math.round(t - startedAt);
  const events: TimelineEvent[] = [
    { type: 'op', at: 0, op: 'start-run', phase: 'invoke' },
    ...history.faults.map((f): TimelineEvent => {
      const i = scenario.faults.findIndex((s) => s.text === f.text);
      return { type: 'fault', at: rel(f.at), fault: Math.max(0, i), kind: scenario.faults[i]?.kind ?? 'fault', action: ACTION[scenario.faults[i]?.kind ?? 'fails'], detail: f.text };
    }),
    // The runtime's server killed and serving again (restart-runtime), in the runtime adapters' words.
    ...(history.runtimeServer ?? []).map((r): TimelineEvent => ({ type: 'fault', at: rel(r.at), fault: Math.max(0, scenario.faults.findIndex((s) => s.text === r.fault)), kind: 'restart-runtime', action: r.event, detail: r.fault })),
    ...agentPids(history).map((w): TimelineEvent => ({ type: 'worker', at: rel(w.at), event: w.event, pid: w.pid })),
    ...decisionsOf(history).flatMap((d): TimelineEvent[] => {
      if (d.decision === 'none') return [];
      const decision = d.decision;
      return [
        ...(d.sentAt !== undefined ? [{ type: 'op', at: rel(d.sentAt), op: 'deliver-approval', phase: 'invoke', decision } as const] : []),
        ...(d.deliveredAt !== undefined ? [{ type: 'op', at: rel(d.deliveredAt), op: 'deliver-approval', phase: 'ok', decision } as const] : []),
        // The second copy of a double-clicked decision, with what the app answered it.
        ...(d.repeated && d.deliveredAt !== undefined ? [{ type: 'op', at: rel(d.repeated.at), op: 'deliver-approval', phase: 'info', decision, detail: `delivered again: ${d.repeated.status}` } as const] : []),
      ];
    }),
  ];
  return { ...base, events: events.sort((a, b) => a.at - b.at) };
}
