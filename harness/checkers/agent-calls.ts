import { tookEffect } from '../ledger/events.js';
import type { AgentStep } from '../plan/schema.js';
import { allSteps, isEffectStep } from '../plan/walk.js';
import { agentsAround } from '../plan/child-approvals.js';
import { childrenStarted, describeAttempt, eventsFor, faultsAround } from './observe.js';
import { failWith, pass, unknown, type Checker, type Evidence } from './verdict.js';

/**
 * Each agent step on the taken path started one child run, once, and the parent
 * received that child's real output (decision 0044). The ledger sees a child start
 * by its `agent-start` call, which names the child's run: two names for one step
 * are two children, whatever the runtime believes.
 */
export const agentCalls: Checker = {
  id: 'agent-calls',
  check({ scenario, oracle, history, faults }) {
    const agents = allSteps(scenario.plan).filter((s): s is AgentStep => s.kind === 'agent' && oracle.taken.has(s.id));
    if (agents.length === 0) return undefined;
    const completed = history.result?.status === 'completed' ? history.result : undefined;
    const failures: Evidence[] = [];
    const unstarted: string[] = [];
    for (const step of agents) {
      const children = childrenStarted(eventsFor(history, step.id));
      if (children.size > 1) {
        const starts = [...children.values()].flat();
        failures.push({
          step: step.id,
          attempts: starts.map((e) => e.attempt),
          fault: faultsAround(faults, step.id),
          message: `${step.id} started agent ${step.agent} ${children.size} times: ${[...children].map(([child, [first]]) => `child run ${child} (${describeAttempt(history, first)})`).join(', ')}`,
        });
        continue;
      }
      if (children.size === 0) {
        unstarted.push(step.id);
        continue;
      }
      const [child] = children.keys();
      // Calls of the child's own steps from a run that never started as this step's child.
      // Its own: on its plan's line or in its approvals' branches, not in a grandchild's plan.
      const own = new Set(allSteps(step.plan).filter((s) => isEffectStep(s) && agentsAround(step.plan, s.id).length === 0).map((s) => s.id));
      const stray = history.effects.filter((e) => e.runId === history.runId && own.has(e.stepId) && tookEffect(e) && e.childRun !== child);
      if (stray.length) {
        failures.push({ step: step.id, attempts: stray.map((e) => e.attempt), message: `${step.id}'s child run is ${child}, yet ${stray.map((e) => `${e.stepId} ${describeAttempt(history, e)} came from ${e.childRun ?? 'the parent itself'}`).join(', ')}` });
      }
      if (completed && completed.output.results[step.id] !== oracle.output.results[step.id]) {
        failures.push({ step: step.id, message: `the parent received ${JSON.stringify(completed.output.results[step.id])} from ${step.id}, but its child's calls answered ${JSON.stringify(oracle.output.results[step.id])}` });
      }
    }
    if (failures.length) return failWith(failures);
    if (unstarted.length) {
      const message = `${unstarted.join(', ')} never started a child run`;
      return completed ? failWith([{ message: `${message}, yet the run completed` }]) : unknown(`${message}; the run did not complete`);
    }
    return pass(`${agents.length} agent step(s), each started one child run and received its output`);
  },
};
