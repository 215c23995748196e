"""The audit trail from the checkpointer itself (as adapters/langgraph/history.ts): every
checkpoint of the thread (get_state_history, newest first) lists the tasks that ran
from it. LangGraph writes the next checkpoint only once every task of a superstep has
finished, so a task of any checkpoint but the newest completed; the newest one's tasks
completed only if their result is recorded. Helper nodes (names with "/") are the
app's, not the plan's. An agent step's task ran a subgraph whose checkpoints are under
the task's namespace: its entry names that child run, and the child's own steps follow,
read from that namespace (decision 0081)."""

from __future__ import annotations

from typing import Any

from .child_run import child_run_of, task_namespace

RANK = {"started": 0, "failed": 1, "completed": 2}


def _result_of(step_id: str, result: Any) -> str | None:
    if isinstance(result, str):
        return result
    if isinstance(result, dict):
        value = (result.get("_results") or {}).get(step_id)
        return value if isinstance(value, str) else None
    return None


def read_history(agent: Any, run_id: str, agent_steps: set[str]) -> dict:
    return {"steps": _read_graph(agent, run_id, "", agent_steps)}


def _read_graph(agent: Any, run_id: str, namespace: str, agent_steps: set[str]) -> list[dict]:
    seen: list[dict] = []
    children: list[str] = []
    newest = True
    for snapshot in agent.get_state_history({"configurable": {"thread_id": run_id, "checkpoint_ns": namespace}}):
        for task in snapshot.tasks:
            if "/" in task.name or task.name.startswith("__"):
                continue
            done = not newest or task.result is not None
            status = "completed" if done else "failed" if task.error is not None else "started"
            entry = {"stepId": task.name, "status": status}
            if task.name in agent_steps:
                child = task_namespace(namespace, task.name, task.id)
                if child not in children:
                    children.append(child)
                entry["childRun"] = child_run_of(run_id, child)
            result = _result_of(task.name, task.result)
            if result is not None:
                entry["result"] = result
            seen.append(entry)
        newest = False
    # Oldest first, so the order is the run's; the strongest status wins per step.
    steps: dict[str, dict] = {}
    for entry in reversed(seen):
        prior = steps.get(entry["stepId"])
        if prior is None or RANK[entry["status"]] >= RANK[prior["status"]]:
            steps[entry["stepId"]] = entry
    out = list(steps.values())
    for child in children:
        out.extend(_read_graph(agent, run_id, child, agent_steps))
    return out
