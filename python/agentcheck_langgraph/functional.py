"""The functional-API interpreter: the plan walked as ordinary code in an @entrypoint,
every call to the outside world a @task, as LangGraph's functional API docs teach (the
same shape as adapters/langgraph/functional.ts). A finished task's result is saved and
handed back on resume; code outside tasks (the walk, interrupt(), a sleep's wait) runs
again on every resume. An approval's request and a sleep's wake-up time are tasks too,
so they are not sent or reset again on resume. The walk is the kit's execute_plan;
each parallel branch is a task of its own that walks its steps (tasks calling tasks), so
every task is called in the same order on every replay."""

from __future__ import annotations

import time
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.func import entrypoint, task
from langgraph.types import interrupt

from agentcheck_kit import WorkerEnv, all_steps, execute_plan, is_effect_step, sort_output

from .app import finished, pending_approvals
from .interpreter import Interpreter
from .steps import RETRY, ask_human, call_step, now_ms, to_decision


def build_entrypoint(plan: dict, env: WorkerEnv, checkpointer: Any, unsafe: bool = False) -> Interpreter:
    """`unsafe`: known-bad on purpose (langgraph-py-functional-unsafe): llm/tool calls are
    made in the entrypoint's own code, not in tasks, so every resume makes them again."""
    steps = all_steps(plan)

    def effect_task(step: dict) -> Any:
        return task(name=step["id"], retry_policy=RETRY)(lambda run_id: call_step(env, run_id, step))

    def ask_task(step: dict) -> Any:
        def ask(run_id: str) -> int:
            ask_human(env, run_id, step)
            return now_ms() + step["timeoutMs"]

        return task(name=f"ask/{step['id']}", retry_policy=RETRY)(ask)

    effects = {s["id"]: effect_task(s) for s in steps if is_effect_step(s)}
    asks = {s["id"]: ask_task(s) for s in steps if s["kind"] == "approval"}
    timers = {s["id"]: task(name=f"timer/{s['id']}")(lambda s=s: now_ms() + s["ms"]) for s in steps if s["kind"] == "sleep"}

    class Primitives:
        def __init__(self, run_id: str):
            self.run_id = run_id

        def effect(self, step: dict) -> str:
            if unsafe:
                return call_step(env, self.run_id, step)
            return effects[step["id"]](self.run_id).result()

        def approval(self, step: dict) -> str:
            deadline = asks[step["id"]](self.run_id).result()
            return to_decision(interrupt({"step": step["id"], "deadline": deadline}))

        def sleep(self, step: dict) -> None:
            wake_at = timers[step["id"]]().result()
            time.sleep(max(0, wake_at - now_ms()) / 1000)

        def parallel(self, branches: list[list[dict]], run_steps: Any) -> list[dict]:
            # Each branch is a task of its own, called from the entrypoint in plan order. A
            # task is known by the order of its call, not its name alone: calls made from
            # threads racing each other would number differently on replay and miss their
            # saved results. Inside a branch task the calls are in order again.
            futures = [branch(self.run_id) for branch in branch_tasks[id(branches)]]
            return [f.result() for f in futures]

    def branch_task(step: dict, i: int) -> Any:
        # A branch's own walk, inside its task: its output is the task's saved result.
        return task(name=f"branch/{step['id']}/{i}")(lambda run_id: execute_plan({"steps": step["branches"][i]}, Primitives(run_id)))

    # By the branches' list (the object the walk hands parallel()), each branch's task.
    branch_tasks = {id(s["branches"]): [branch_task(s, i) for i in range(len(s["branches"]))] for s in steps if s["kind"] == "parallel"}

    @entrypoint(checkpointer=checkpointer)
    def agent(inputs: dict, config: RunnableConfig) -> dict:
        return execute_plan(plan, Primitives(str(config["configurable"]["thread_id"])))

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
