import { dependencyGraph, effectPreds, endOf, startOf } from './dependencies.js';
import { ms, restartsReadyAt } from './observe.js';
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/** Slack for poll intervals and clock reads between processes. */
export const TIMER_SLACK_MS = 15;

/**
 * A sleep survives restarts and is neither skipped nor doubled. Skipped: what follows
 * it started sooner than its length. Doubled: after a worker restart inside the sleep,
 * what follows waited a whole sleep again from the restart (the timer began anew).
 */
export const durableTimers: Checker = {
  id: 'durable-timers',
  check({ scenario, oracle, history }) {
    const graph = dependencyGraph(scenario.plan, oracle);
    const sleeps = graph.filter((n) => n.kind === 'sleep');
    if (sleeps.length === 0) return undefined;
    const nodes = new Map(graph.map((n) => [n.id, n] as const));
    const resultAt = history.events.find((e) => e.type === 'op' && e.op === 'await-result' && e.phase === 'ok')?.at;
    const evidence: Evidence[] = [];
    let measured = 0;
    for (const sleep of sleeps) {
      const preds = effectPreds(nodes, sleep);
      const predEnds = preds.map((p) => endOf(history, nodes, p));
      if (predEnds.some((e) => e === undefined)) continue;
      const runStart = history.events.find((e) => e.type === 'op' && e.op === 'start-run' && e.phase === 'ok')?.at ?? history.startedAt;
      const start = Math.max(runStart, ...(predEnds as number[]));
      const nextStarts = graph.filter((n) => n.preds.includes(sleep.id)).map((n) => startOf(history, n)).filter((t): t is number => t !== undefined);
      const end = nextStarts.length ? Math.min(...nextStarts) : resultAt;
      if (end === undefined) continue;
      measured++;
      const length = sleep.ms!;
      const gap = end - start;
      if (gap < length - TIMER_SLACK_MS) {
        evidence.push({ step: sleep.id, message: `${sleep.id} lasted ${ms(gap)} of ${ms(length)}: the sleep was cut short` });
        continue;
      }
      const restart = restartsReadyAt(history).find((t) => t > start && t < end);
      if (restart !== undefined && end - restart >= length - TIMER_SLACK_MS && gap > length + TIMER_SLACK_MS) {
        evidence.push({
          step: sleep.id,
          message: `${sleep.id} (${ms(length)}) lasted ${ms(gap)}: after the worker restart at +${ms(restart - start)} into it, it waited ${ms(end - restart)} more, a whole sleep again (timer restarted, or recovery took longer than the sleep)`,
        });
      }
    }
    if (evidence.length) return failWith(evidence);
    return measured ? pass() : unknown('no sleep could be measured: the steps around it never ran');
  },
};
