"""The graph-API interpreter: a plan compiled into a StateGraph, one node per step, the
way LangGraph's docs build an agent (the same shape as adapters/langgraph/graph.ts).
An approval is a node that sends the request followed by a node that calls
interrupt() (code before interrupt() in the same node runs again on resume); its
branches hang off a conditional edge; parallel branches fan out from a fork node and
meet in a join node; a sleep saves its wake-up time in one node and waits in the next.
An agent step is a node that invokes the child's plan compiled as a subgraph, the way
LangGraph's docs call a subgraph whose state is its own (decision 0080).
Helper node names carry a "/", which no step id has."""

from __future__ import annotations

import time
from typing import Any, Callable

from langgraph.graph import END, START, StateGraph
from langgraph.types import interrupt

from agentcheck_kit import WorkerEnv, agent_result, all_steps, branch_taken, is_effect_step

from .child_run import caller_of
from .history import read_history
from .interpreter import Interpreter
from .state import AgentState
from .steps import RETRY, announce_child, ask_human, call_step, now_ms, to_decision


def run_id_of(config: dict) -> str:
    return str(config["configurable"]["thread_id"])


def build_graph(plan: dict, env: WorkerEnv, unsafe: bool = False, agent_step: str | None = None) -> StateGraph:
    """`unsafe`: known-bad on purpose (langgraph-py-unsafe): an approval's node also makes
    the call before it and sends the request, then calls interrupt(); LangGraph runs a
    node again from its top on resume, so that call is made twice.
    `agent_step`: set when this graph is a child agent's, the parent's agent step, which
    the child's first node announces."""
    graph = StateGraph(AgentState)

    def node(name: str, fn: Callable[..., dict], retry: bool = False) -> None:
        graph.add_node(name, fn, retry_policy=RETRY if retry else None)

    def approval_nodes(step: dict, next_node: str, before: dict | None = None) -> str:
        def wait(state: dict) -> dict:
            deadline = state.get("_deadlines", {}).get(step["id"], now_ms() + step["timeoutMs"])
            answer = interrupt({"step": step["id"], "deadline": deadline})
            return {"_decisions": {step["id"]: to_decision(answer)}}

        if unsafe:
            def work_and_wait(state, config) -> dict:
                results = {before["id"]: call_step(env, caller_of(config), before)} if before else {}
                ask_human(env, run_id_of(config), step)
                return {**wait(state), "_results": results}

            node(step["id"], work_and_wait)
            entry = step["id"]
        else:
            entry = f"ask/{step['id']}"

            def ask(state, config) -> dict:
                ask_human(env, run_id_of(config), step)
                # The deadline is saved with this node's result, before the run waits.
                return {"_deadlines": {step["id"]: now_ms() + step["timeoutMs"]}}

            node(entry, ask, retry=True)
            node(step["id"], wait)
            graph.add_edge(entry, step["id"])
        on_approved = sequence(step.get("approved", []), next_node)
        on_rejected = sequence(step.get("rejected", []), next_node)

        def route(state: dict) -> str:
            decision = state.get("_decisions", {}).get(step["id"])
            taken = decision is not None and branch_taken(step, decision) is step.get("approved", [])
            return on_approved if taken else on_rejected

        graph.add_conditional_edges(step["id"], route, list(dict.fromkeys([on_approved, on_rejected])))
        return entry

    def step_nodes(step: dict, next_node: str) -> str:
        kind = step["kind"]
        if kind in ("llm", "tool"):
            node(step["id"], lambda state, config: {"_results": {step["id"]: call_step(env, caller_of(config), step)}}, retry=True)
            graph.add_edge(step["id"], next_node)
            return step["id"]
        if kind == "sleep":
            set_timer = f"timer/{step['id']}"
            node(set_timer, lambda state: {"_wakeAt": {step["id"]: now_ms() + step["ms"]}})

            def sleep(state: dict) -> dict:
                wake_at = state.get("_wakeAt", {}).get(step["id"], now_ms())
                time.sleep(max(0, wake_at - now_ms()) / 1000)
                return {}

            node(step["id"], sleep)
            graph.add_edge(set_timer, step["id"])
            graph.add_edge(step["id"], next_node)
            return set_timer
        if kind == "approval":
            return approval_nodes(step, next_node)
        if kind == "agent":
            # Compiled without a checkpointer: the child inherits the parent's, and saves its
            # checkpoints under the parent's thread, in the namespace of the task running it.
            # Invoked without a config: LangGraph hands the node's own to the subgraph.
            child = build_graph({"steps": step["plan"]["steps"]}, env, unsafe, agent_step=step["id"]).compile()

            def ask_agent(state: dict) -> dict:
                # LangGraph finds `child` among this function's free variables, so that
                # get_state_history can address the subgraph by its namespace.
                return {"_results": {step["id"]: agent_result(output_of(child.invoke({})))}}

            node(step["id"], ask_agent)
            graph.add_edge(step["id"], next_node)
            return step["id"]
        # parallel: a fork, each branch ending in its own "done" node, and a join that waits for all.
        fork, join = f"fork/{step['id']}", f"join/{step['id']}"
        node(fork, lambda state: {})
        node(join, lambda state: {})
        dones = []
        for i, branch in enumerate(step["branches"]):
            done = f"done/{step['id']}/{i}"
            node(done, lambda state: {})
            graph.add_edge(fork, sequence(branch, done))
            dones.append(done)
        graph.add_edge(dones, join)
        graph.add_edge(join, next_node)
        return fork

    def sequence(steps: list[dict], next_node: str) -> str:
        entry = next_node
        i = len(steps) - 1
        while i >= 0:
            step, before = steps[i], steps[i - 1] if i > 0 else None
            if unsafe and step["kind"] == "approval" and before is not None and is_effect_step(before):
                entry = approval_nodes(step, entry, before)
                i -= 1
            else:
                entry = step_nodes(step, entry)
            i -= 1
        return entry

    first = sequence(plan["steps"], END)
    if agent_step is not None:
        # A child's first act: announce its start, once, as a node of its own (decision 0044).
        announce = f"start/{agent_step}"
        node(announce, lambda state, config: announce_child(env, caller_of(config), agent_step) or {}, retry=True)
        graph.add_edge(announce, first)
        first = announce
    graph.add_edge(START, first)
    return graph


def output_of(values: dict) -> dict[str, Any]:
    return {
        "results": dict(sorted((values.get("_results") or {}).items())),
        "decisions": dict(sorted((values.get("_decisions") or {}).items())),
    }


def graph_interpreter(plan: dict, env: WorkerEnv, checkpointer: Any, unsafe: bool = False) -> Interpreter:
    """The compiled graph, and how to read its state: the answers and results are channels of its own."""
    agent = build_graph(plan, env, unsafe).compile(checkpointer=checkpointer)
    agent_steps = {s["id"] for s in all_steps(plan) if s["kind"] == "agent"}
    return Interpreter(
        agent=agent,
        input={},
        decided=lambda snapshot, step_id: step_id in (snapshot.values.get("_decisions") or {}),
        output=lambda snapshot: output_of(snapshot.values),
        history=lambda run_id: read_history(agent, run_id, agent_steps),
    )
