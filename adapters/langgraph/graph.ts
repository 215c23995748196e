import { END, START, StateGraph, interrupt, type BaseCheckpointSaver, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { type LedgerAddress, sleep } from '../../harness/kit.js';
import { agentResult, type ApprovalStep, branchTaken, type Decision, isEffectStep, type LlmStep, type Plan, type Step, type ToolStep } from '../../harness/plan/index.js';
import { callerOf } from './child-run.js';
import type { Caller } from './steps.js';
import { AgentState, type AgentStateUpdate, type AgentStateValue } from './state.js';
import { announceChild, callStep, requestApproval, RETRY, toDecision, type Answer, type ApprovalWait } from './steps.js';

// The graph-API interpreter: a plan compiled into a StateGraph, one node per step, the
// way LangGraph's docs build an agent. Approvals are a node that sends the request
// followed by a node that calls interrupt() (code before interrupt() in the same node
// runs again on resume, so the request gets a node of its own); the approval's branches
// hang off a conditional edge; parallel branches fan out from a fork node and meet in
// a join node; a sleep saves its wake-up time in one node and waits in the next.
// An agent step is a node that invokes the child's plan compiled as a subgraph, the
// way LangGraph's docs call a subgraph with a state of its own (decision 0080).
// Helper node names carry a "/", which no step id has.

export interface GraphOptions {
  ledger: LedgerAddress;
  /**
   * Known-bad on purpose (the langgraph-unsafe fixture): an approval's node also makes
   * the call before it and sends the request, then calls interrupt(). LangGraph runs
   * a node again from its top on resume, so that call is made twice.
   */
  unsafe?: boolean;
  /** Set when this graph is a child agent's: the parent's agent step, which the child's first node announces. */
  agentStep?: string;
}

type Node = (state: AgentStateValue, config: LangGraphRunnableConfig) => Promise<AgentStateUpdate> | AgentStateUpdate;

type EffectStep = LlmStep | ToolStep;

export function buildGraph(plan: Plan, opts: GraphOptions) {
  // Nodes and edges are collected first: StateGraph's types want literal node names,
  // and a plan's are only known at run time.
  const nodes: [string, Node, boolean, Subgraph[]][] = [];
  const edges: [string | string[], string][] = [];
  const branches: [string, (s: AgentStateValue) => string, string[]][] = [];
  const node = (name: string, fn: Node, retry = false, subgraphs: Subgraph[] = []) => nodes.push([name, fn, retry, subgraphs]);

  /** `before`: in the known-bad variant, the effect step that precedes the approval, folded into its node. */
  const approvalNodes = (step: ApprovalStep, next: string, before?: EffectStep): string => {
    const wait = (state: AgentStateValue): AgentStateUpdate => {
      const value: ApprovalWait = { step: step.id, deadline: state._deadlines[step.id] ?? Date.now() + step.timeoutMs };
      return { _decisions: { [step.id]: toDecision(interrupt(value) as Answer) } };
    };
    let entry: string;
    if (opts.unsafe) {
      // Known-bad: work and wait in one node. On resume the node runs from its top:
      // the call before interrupt() is made again, and so is the request.
      node(step.id, async (state, config) => {
        const results = before ? { [before.id]: await callStep(opts.ledger, callerOf(config), before) } : {};
        await requestApproval(opts.ledger, callerOf(config), step);
        return { ...wait(state), _results: results };
      });
      entry = step.id;
    } else {
      entry = `ask/${step.id}`;
      node(entry, async (_state, config) => {
        await requestApproval(opts.ledger, callerOf(config), step);
        // The deadline is saved with this node's result, before the run waits.
        return { _deadlines: { [step.id]: Date.now() + step.timeoutMs } };
      }, true);
      node(step.id, wait);
      edges.push([entry, step.id]);
    }
    const onApproved = sequence(step.approved, next);
    const onRejected = sequence(step.rejected, next);
    const approved = (d: Decision | undefined) => d !== undefined && branchTaken(step, d) === step.approved;
    branches.push([step.id, (s) => (approved(s._decisions[step.id]) ? onApproved : onRejected), [...new Set([onApproved, onRejected])]]);
    return entry;
  };

  const stepNodes = (step: Step, next: string): string => {
    switch (step.kind) {
      case 'llm':
      case 'tool':
        node(step.id, async (_s, config) => ({ _results: { [step.id]: await callStep(opts.ledger, callerOf(config), step) } }), true);
        edges.push([step.id, next]);
        return step.id;
      case 'sleep': {
        const setTimer = `timer/${step.id}`;
        node(setTimer, () => ({ _wakeAt: { [step.id]: Date.now() + step.ms } }));
        node(step.id, async (state) => {
          const wakeAt = state._wakeAt[step.id] ?? Date.now();
          await sleep(Math.max(0, wakeAt - Date.now()));
          return {};
        });
        edges.push([setTimer, step.id], [step.id, next]);
        return setTimer;
      }
      case 'approval':
        return approvalNodes(step, next);
      case 'parallel': {
        const fork = `fork/${step.id}`;
        const join = `join/${step.id}`;
        node(fork, () => ({}));
        node(join, () => ({}));
        // A branch ends in its own "done" node, so the join can wait for all of them
        // even when a branch ends in one of several places (an approval's branches).
        const dones = step.branches.map((branch, i) => {
          const done = `done/${step.id}/${i}`;
          node(done, () => ({}));
          edges.push([fork, sequence(branch, done)]);
          return done;
        });
        edges.push([dones, join], [join, next]);
        return fork;
      }
      case 'agent': {
        // Compiled without a checkpointer: the child inherits the parent's, and saves its
        // checkpoints under the parent's thread, in the namespace of the task running it.
        const child = buildGraph({ name: step.agent, steps: step.plan.steps }, { ...opts, agentStep: step.id }).compile();
        node(
          step.id,
          async (_s, config) => {
            const out = (await child.invoke({}, config)) as AgentStateValue;
            return { _results: { [step.id]: agentResult({ results: out._results, decisions: out._decisions }) } };
          },
          false,
          // Declared so that getState/getStateHistory can address the child by its namespace.
          [child],
        );
        edges.push([step.id, next]);
        return step.id;
      }
    }
  };

  function sequence(steps: Step[], next: string): string {
    let entry = next;
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i];
      const before = steps[i - 1];
      if (opts.unsafe && step.kind === 'approval' && before && isEffectStep(before)) {
        entry = approvalNodes(step, entry, before);
        i--;
      } else entry = stepNodes(step, entry);
    }
    return entry;
  }

  let first = sequence(plan.steps, END);
  if (opts.agentStep) {
    // A child's first act: announce its start, once, as a node of its own (decision 0044).
    const agentStep = opts.agentStep;
    const announce = `start/${agentStep}`;
    node(announce, async (_s, config) => (await announceChild(opts.ledger, callerOf(config) as Required<Caller>, agentStep), {}), true);
    edges.push([announce, first]);
    first = announce;
  }
  // Typed loosely on purpose: node names come from the plan, not from literals.
  const graph = new StateGraph(AgentState) as unknown as StateGraph<typeof AgentState.spec, AgentStateValue, AgentStateUpdate, string>;
  for (const [name, fn, retry, subgraphs] of nodes) graph.addNode(name, fn, { ...(retry ? { retryPolicy: RETRY } : {}), ...(subgraphs.length ? { subgraphs } : {}) });
  graph.addEdge(START, first);
  for (const [from, to] of edges) graph.addEdge(from, to);
  for (const [from, route, targets] of branches) graph.addConditionalEdges(from, route, targets);
  return {
    /** No checkpointer: a subgraph's, which uses its parent's. */
    compile: (checkpointer?: BaseCheckpointSaver) => graph.compile(checkpointer ? { checkpointer } : {}),
  };
}

type Subgraph = ReturnType<ReturnType<typeof buildGraph>['compile']>;

export type AgentGraph = ReturnType<ReturnType<typeof buildGraph>['compile']>;
