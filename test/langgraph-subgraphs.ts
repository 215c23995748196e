import { expect } from 'vitest';
import type { Report } from '../harness/report/schema.js';
import { caseOf, effectsOfRuns, expectFailure, propertyOf } from './helpers.js';

// What LangGraph.js does with agent steps run as subgraphs (decisions 0080, 0081), where
// every superstep's checkpoint is saved before the next one starts: SQLite (its saver
// writes synchronously), or Postgres with durability "sync". Shared by test/langgraph.test.ts
// (one seed) and test/langgraph-subgraphs.long.ts (several seeds, both checkpointers).

export const multiAgent = (id: string) => `multi-agent/${id}`;

export function expectSubgraphVerdicts(report: Report): void {
  // The parent's node re-runs under the same task id, and the subgraph resumes from its
  // own checkpoint in that namespace: one child at each level, nothing repeated.
  for (const id of ['parent-crashes-after-child-started', 'nested-agents-crash']) {
    expect(caseOf(report, multiAgent(id)).verdict, id).toBe('pass');
  }
  // The child resumes (one child), but its refund's node never returned, so it runs again, unkeyed.
  expectFailure(report, multiAgent('child-crashes-mid-refund'), 'effects-exactly-once', 'refund-payment');
  expect(propertyOf(report, multiAgent('child-crashes-mid-refund'), 'agent-calls')?.verdict).toBe('pass');
  // The child's answer is in the parent's checkpoint, and so is the draft made from it:
  // only the reply, whose node the crash cut off, is sent again.
  expectFailure(report, multiAgent('child-answer-delivered-again'), 'effects-exactly-once', 'reply-customer');
  for (const p of ['agent-calls', 'step-isolation'] as const) expect(propertyOf(report, multiAgent('child-answer-delivered-again'), p)?.verdict, p).toBe('pass');
  // Two subgraphs in one superstep: the crash came in shipping's, while billing's refund
  // was in flight. Billing's node never returned, so it runs again, its refund unkeyed;
  // each subgraph resumes in its own namespace, one child each.
  expectFailure(report, multiAgent('other-agent-crashes-mid-refund'), 'effects-exactly-once', 'refund-payment');
  expect(propertyOf(report, multiAgent('other-agent-crashes-mid-refund'), 'agent-calls')?.verdict).toBe('pass');
  // A subgraph has no worker of its own (decision 0110): the crash in its plan kills the one
  // worker, and the refund's node, which never returned, runs again unkeyed, as in
  // child-crashes-mid-refund; the subgraph resumes (one child).
  expectFailure(report, multiAgent('child-worker-dies-mid-refund'), 'effects-exactly-once', 'refund-payment');
  expect(propertyOf(report, multiAgent('child-worker-dies-mid-refund'), 'agent-calls')?.verdict).toBe('pass');
  expectSecondChildFromStartOver(report);
}

/**
 * invoke(input) on a running thread starts it over from START: the agent step runs as a
 * new task, so its subgraph gets a new namespace and starts from nothing, a second child.
 */
export function expectSecondChildFromStartOver(report: Report): void {
  const id = multiAgent('parent-started-twice-while-child-runs');
  expectFailure(report, id, 'agent-calls', 'ask-billing');
  expectFailure(report, id, 'effects-exactly-once', 'refund-payment');
}

/** The multi-agent cases whose fault is a crash of the worker. */
export const crashCases = ['parent-crashes-after-child-started', 'nested-agents-crash', 'child-crashes-mid-refund', 'child-answer-delivered-again', 'other-agent-crashes-mid-refund'].map(multiAgent);

/**
 * Where the checkpoint that scheduled an agent step may be lost with the worker (durability
 * "async"), the restarted worker schedules the step again under a new task id, and its
 * subgraph starts over in a new namespace. What always holds: a second child comes from
 * another process than the first, never from one process on its own.
 */
export function expectSecondChildOnlyAfterRestart(report: Report): void {
  for (const id of crashCases) {
    for (const children of childStarts(report, id).flatMap((byStep) => [...byStep.values()])) {
      const pids = new Set([...children.values()].flatMap((p) => [...p]));
      if (children.size > 1) expect(pids.size, `${id}: ${JSON.stringify([...children.keys()])}`).toBeGreaterThan(1);
    }
  }
}

/** Every agent step's child runs, by name, with the processes that announced each. */
export function childStarts(report: Report, caseId: string): Map<string, Map<string, Set<number | undefined>>>[] {
  return effectsOfRuns(report, caseId).map((events) => {
    const byStep = new Map<string, Map<string, Set<number | undefined>>>();
    for (const e of events.filter((e) => e.kind === 'agent-start' && e.childRun)) {
      const children = byStep.get(e.stepId) ?? new Map<string, Set<number | undefined>>();
      children.set(e.childRun!, (children.get(e.childRun!) ?? new Set()).add(e.pid));
      byStep.set(e.stepId, children);
    }
    return byStep;
  });
}
