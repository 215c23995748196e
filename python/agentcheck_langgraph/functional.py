"""The functional-API interpreter: the plan walked as ordinary code in an @entrypoint,
every call to the outside world a @task, as LangGraph's functional API docs teach (the
same shape as adapters/langgraph/functional.ts). A finished task's result is saved and
handed back on resume; code outside tasks (the walk, interrupt(), a sleep's wait) runs
again on every resume. An approval's request and a sleep's wake-up time are tasks too,
so they are not sent or reset again on resume. The walk is the kit's execute_plan;
each parallel branch is a task of its own that walks its steps (tasks calling tasks), so
every task is called in the same order on every replay. An agent step is a task that
invokes the child's own @entrypoint (no checkpointer: it inherits the parent's), which
then runs as a subgraph in that task's checkpoint namespace (decision 0080)."""

from __future__ import annotations

import time
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.func import entrypoint, task
from langgraph.types import interrupt

from agentcheck_kit import WorkerEnv, agent_result, all_steps, execute_plan, is_effect_step, sort_output

from .app import finished, pending_approvals
from .child_run import Caller, caller_of
from .interpreter import Interpreter
from .steps import RETRY, announce_child, ask_human, call_step, now_ms, to_decision


def build_entrypoint(plan: dict, env: WorkerEnv, checkpointer: Any, unsafe: bool = False) -> Interpreter:
    """`unsafe`: known-bad on purpose (langgraph-py-functional-unsafe): llm/tool calls are
    made in the entrypoint's own code, not in tasks, so every resume makes them again."""
    steps = all_steps(plan)

    # Tasks get who calls (the run, and the child run inside a child's entrypoint) as
    # plain arguments: the walk's entrypoint reads it from its own config.
    def effect_task(step: dict) -> Any:
        return task(name=step["id"], retry_policy=RETRY)(lambda run_id, child_run: call_step(env, Caller(run_id, child_run), step))

    def ask_task(step: dict) -> Any:
        def ask(run_id: str) -> int:
            ask_human(env, run_id, step)
            return now_ms() + step["timeoutMs"]

        return task(name=f"ask/{step['id']}", retry_policy=RETRY)(ask)

    effects = {s["id"]: effect_task(s) for s in steps if is_effect_step(s)}
    asks = {s["id"]: ask_task(s) for s in steps if s["kind"] == "approval"}
    timers = {s["id"]: task(name=f"timer/{s['id']}")(lambda s=s: now_ms() + s["ms"]) for s in steps if s["kind"] == "sleep"}

    class Primitives:
        def __init__(self, who: Caller):
            self.who = who

        def effect(self, step: dict) -> str:
            if unsafe:
                return call_step(env, self.who, step)
            return effects[step["id"]](self.who.run_id, self.who.child_run).result()

        def approval(self, step: dict) -> str:
            # The plan schema keeps approvals out of a child's plan (decision 0044): only the started run asks.
            deadline = asks[step["id"]](self.who.run_id).result()
            return to_decision(interrupt({"step": step["id"], "deadline": deadline}))

        def sleep(self, step: dict) -> None:
            wake_at = timers[step["id"]]().result()
            time.sleep(max(0, wake_at - now_ms()) / 1000)

        def parallel(self, branches: list[list[dict]], run_steps: Any) -> list[dict]:
            # Each branch is a task of its own, called from the entrypoint in plan order. A
            # task is known by the order of its call, not its name alone: calls made from
            # threads racing each other would number differently on replay and miss their
            # saved results. Inside a branch task the calls are in order again.
            futures = [branch(self.who.run_id, self.who.child_run) for branch in branch_tasks[id(branches)]]
            return [f.result() for f in futures]

        def agent(self, step: dict) -> str:
            return agent_tasks[step["id"]]().result()

    def branch_task(step: dict, i: int) -> Any:
        # A branch's own walk, inside its task: its output is the task's saved result.
        return task(name=f"branch/{step['id']}/{i}")(lambda run_id, child_run: execute_plan({"steps": step["branches"][i]}, Primitives(Caller(run_id, child_run))))

    # By the branches' list (the object the walk hands parallel()), each branch's task.
    branch_tasks = {id(s["branches"]): [branch_task(s, i) for i in range(len(s["branches"]))] for s in steps if s["kind"] == "parallel"}

    announces = {
        s["id"]: task(name=f"start/{s['id']}", retry_policy=RETRY)(lambda run_id, child_run, s=s: announce_child(env, Caller(run_id, child_run), s["id"]))
        for s in steps
        if s["kind"] == "agent"
    }

    def walk(child_plan: dict, agent_step: str | None = None) -> Any:
        def run(inputs: dict, config: RunnableConfig) -> dict:
            # An entrypoint's own task is the last segment of its namespace; a child's
            # entrypoint runs in the namespace of the agent step's task, its child run.
            who = caller_of(config)
            if agent_step is not None:
                # A child's first act, a task of its own entrypoint (decision 0044).
                announces[agent_step](who.run_id, who.child_run).result()
            return execute_plan(child_plan, Primitives(who))

        return run

    def agent_task(step: dict) -> Any:
        child_walk = walk({"steps": step["plan"]["steps"]}, step["id"])
        child_walk.__name__ = step["agent"]
        # No checkpointer: the child's entrypoint inherits its parent's, under this task's
        # namespace, as LangGraph's docs call another entrypoint from a task.
        child = entrypoint()(child_walk)
        return task(name=step["id"])(lambda: agent_result(child.invoke({})))

    # Looked up when a walk reaches the step, so a child's entrypoint may call its own children.
    agent_tasks = {s["id"]: agent_task(s) for s in steps if s["kind"] == "agent"}

    root_walk = walk(plan)
    root_walk.__name__ = "agent"
    agent = entrypoint(checkpointer=checkpointer)(root_walk)

    order = [s["id"] for s in steps if s["kind"] == "approval"]

    def decided(snapshot: Any, step_id: str) -> bool:
        # The entrypoint keeps no state of its own to ask: an approval is decided once the
        # run finished or waits on an approval that comes after it in the plan.
        if finished(snapshot):
            return True
        at = order.index(step_id) if step_id in order else len(order)
        return any(order.index(w["step"]) > at for _, w in pending_approvals(snapshot) if w["step"] in order)

    return Interpreter(
        agent=agent,
        input={},
        decided=decided,
        output=lambda snapshot: sort_output(snapshot.values),
        history=lambda run_id: None,
        resume_by_id=True,
    )
