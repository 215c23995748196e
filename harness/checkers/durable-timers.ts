import { dependencyGraph, effectPreds, endOf, startOf, type PlanNode } from './dependencies.js';
import { findStep } from '../plan/walk.js';
import type { CaseHistory } from '../history.js';
import { firstAnswer, frozenAt, killedAt, ms, restartsReadyAt } from './observe.js';
import { RECORD_GRACE_MS, TIMER_SLACK_MS } from '../timing.js';
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/** A durable wait to measure: a sleep, or an approval that must time out. */
interface Timer {
  id: string;
  what: string;
  length: number;
  start: number;
  end: number;
  /** A sleep that is the run's first step: nothing the run does shows when the runtime began it. */
  firstOfRun?: boolean;
}

/**
 * A durable timer survives restarts and is neither skipped nor doubled. Sleeps, and
 * approvals that must time out, are both timers. Skipped: what follows started sooner
 * than the timer's length. Doubled: after a worker restart inside the wait, what
 * follows waited a whole length again from the restart (the timer began anew).
 */
export const durableTimers: Checker = {
  id: 'durable-timers',
  check({ scenario, oracle, history }) {
    const graph = dependencyGraph(scenario.plan, oracle);
    const nodes = new Map(graph.map((n) => [n.id, n] as const));
    const timed = graph.filter((n) => n.kind === 'sleep' || (n.kind === 'approval' && oracle.decisions[n.id] === 'timed-out'));
    if (timed.length === 0) return undefined;
    const evidence: Evidence[] = [];
    const inconclusive: string[] = [];
    let measured = 0;
    for (const node of timed) {
      const timer = measure(node, graph, nodes, history, scenario.plan);
      if (!timer) continue;
      measured++;
      const gap = timer.end - timer.start;
      if (gap < timer.length - TIMER_SLACK_MS) {
        evidence.push({ step: timer.id, message: `${timer.what} lasted ${ms(gap)} of ${ms(timer.length)}: it was cut short` });
        continue;
      }
      const restart = restartsReadyAt(history).find((t) => t > timer.start && t < timer.end);
      // A crash right after the wait began may land before the runtime recorded it: then
      // starting the timer after the restart is no doubling, and nothing can be concluded.
      const kills = [...killedAt(history).values()].filter((k) => k >= timer.start && k < timer.end);
      const killedEarly = kills.some((k) => k - timer.start < RECORD_GRACE_MS);
      // A sleep that opens the run, killed before the run made any call: the run had not yet
      // shown it was running, so its timer may not have been recorded either (Temporal's first
      // workflow task took over 800 ms under load in CI); a timer begun after the restart then
      // proves nothing. A sleep after a step is measured from that step's answer, as before.
      const killedBeforeAnySign = timer.firstOfRun === true && kills.some((k) => !history.effects.some((e) => e.runId === history.runId && e.receivedAt <= k));
      if (killedBeforeAnySign && restart !== undefined) continue;
      if (restart !== undefined && !killedEarly && timer.end - restart >= timer.length - TIMER_SLACK_MS && gap > timer.length + TIMER_SLACK_MS) {
        // The deadline passed while no worker ran: whatever follows the restart waits for
        // the runtime's recovery, which on some runtimes (DBOS: ~1 s) is as long as a
        // short timer, so a wait of a whole length then proves no restarted timer.
        if (restart >= timer.start + timer.length) {
          inconclusive.push(`${timer.what} (${ms(timer.length)}) ran out while the worker was down; the ${ms(timer.end - restart)} after the restart at +${ms(restart - timer.start)} into it are the runtime's recovery or a restarted timer, which cannot be told apart`);
          continue;
        }
        // A worker frozen (SIGSTOP) when the timer ran out cannot hand back the run's task: the
        // runtime acts only once its own timeout gives the task to another worker, as late as a
        // timer begun again at the second worker's start would end.
        const frozen = frozenAt(history, timer.start + timer.length);
        if (frozen !== undefined) {
          inconclusive.push(`${timer.what} (${ms(timer.length)}) ran out while worker pid ${frozen} was frozen; the ${ms(timer.end - restart)} after the other worker's start at +${ms(restart - timer.start)} are the runtime's recovery or a restarted timer, which cannot be told apart`);
          continue;
        }
        // The restart came early in the wait: a timer that ran out on time and was acted on
        // as late as this runtime may (its declared latency after a restart) ends as late as
        // one that began again at the restart. Only a lateness beyond that proves a restart.
        const late = timer.end - (timer.start + timer.length);
        if (history.timerLatencyMs !== undefined && late <= history.timerLatencyMs) {
          inconclusive.push(`${timer.what} (${ms(timer.length)}) was acted on ${ms(late)} after it ran out, within the ${ms(history.timerLatencyMs)} this runtime may take after a restart; with the restart at +${ms(restart - timer.start)} into it, a timer that began again would end as late: a race with the runtime's recovery, and the two cannot be told apart`);
          continue;
        }
        evidence.push({
          step: timer.id,
          message: `${timer.what} (${ms(timer.length)}) lasted ${ms(gap)}: after the worker restart at +${ms(restart - timer.start)} into it, it waited ${ms(timer.end - restart)} more, a whole length again (timer restarted, or recovery took longer than the timer)`,
        });
      }
    }
    if (evidence.length) return failWith(evidence);
    if (inconclusive.length) return unknown(inconclusive.join('; '));
    return measured ? pass() : unknown('no timer could be measured: the steps around it never ran');
  },
};

function measure(node: PlanNode, graph: PlanNode[], nodes: Map<string, PlanNode>, history: CaseHistory, plan: Parameters<typeof findStep>[0]): Timer | undefined {
  const resultAt = history.events.find((e) => e.type === 'op' && e.op === 'await-result' && e.phase === 'ok')?.at;
  const nextStarts = graph.filter((n) => n.preds.includes(node.id)).map((n) => startOf(history, n)).filter((t): t is number => t !== undefined);
  const end = nextStarts.length ? Math.min(...nextStarts) : resultAt;
  if (end === undefined) return undefined;
  if (node.kind === 'approval') {
    // The wait begins once the approval request was answered; nobody answers in time.
    const asked = firstAnswer(history, node.id);
    const step = findStep(plan, node.id);
    if (!asked || step?.kind !== 'approval') return undefined;
    return { id: node.id, what: `the timeout of approval ${node.id}`, length: step.timeoutMs, start: asked.finishedAt, end };
  }
  const predEnds = effectPreds(nodes, node).map((p) => endOf(history, nodes, p));
  if (predEnds.some((e) => e === undefined)) return undefined;
  // The run may begin as soon as the start is invoked: its ok can come much later on a busy machine (a sleep-first plan looked cut short).
  const runStart = history.events.find((e) => e.type === 'op' && e.op === 'start-run' && e.phase === 'invoke')?.at ?? history.startedAt;
  return { id: node.id, what: `sleep ${node.id}`, length: node.ms!, start: Math.max(runStart, ...(predEnds as number[])), end, ...(predEnds.length === 0 ? { firstOfRun: true } : {}) };
}
