import { describe, expect, it } from 'vitest';
import { callerOf, childRunOf, taskNamespace } from './child-run.js';

// A node's checkpoint namespace as LangGraph hands it in the config: its graph's, then "|<node>:<task id>".
const at = (checkpoint_ns: string) => ({ configurable: { thread_id: 'run-1', checkpoint_ns } });

describe('which run a node calls as', () => {
  it("a node of the started graph is the run's own", () => {
    expect(callerOf(at('refund-payment:7f2c'))).toEqual({ runId: 'run-1' });
    expect(callerOf(at(''))).toEqual({ runId: 'run-1' });
  });

  it("a subgraph's node is the child run named by the parent task that invoked the subgraph", () => {
    expect(callerOf(at('ask-billing:aa11|refund-payment:bb22'))).toEqual({ runId: 'run-1', childRun: 'run-1/ask-billing:aa11' });
  });

  it('a grandchild names the whole path of tasks, so two levels never share a name', () => {
    expect(callerOf(at('ask-travel:aa11|ask-payments:bb22|charge-card:cc33'))).toEqual({ runId: 'run-1', childRun: 'run-1/ask-travel:aa11|ask-payments:bb22' });
  });

  it('the history names a child by the same namespace its calls carry', () => {
    const ns = taskNamespace('ask-travel:aa11', 'ask-payments', 'bb22');
    expect(ns).toBe('ask-travel:aa11|ask-payments:bb22');
    expect(childRunOf('run-1', ns)).toBe(callerOf(at(`${ns}|charge-card:cc33`)).childRun);
    expect(taskNamespace('', 'ask-billing', 'aa11')).toBe('ask-billing:aa11');
  });

  it("a functional-API task is named under its entrypoint's node: both segments are its own", () => {
    expect(callerOf(at('agent:e1|triage-ticket:t1'), 2)).toEqual({ runId: 'run-1' });
    expect(callerOf(at('agent:e1|ask-billing:t2|billing:e2|refund-payment:t3'), 2)).toEqual({ runId: 'run-1', childRun: 'run-1/agent:e1|ask-billing:t2' });
  });

  it('the same agent step run by a new task is a different child', () => {
    expect(callerOf(at('ask-billing:aa11|x:1')).childRun).not.toBe(callerOf(at('ask-billing:dd44|x:1')).childRun);
  });
});
