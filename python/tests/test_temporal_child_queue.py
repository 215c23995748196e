"""Where the temporal-py workflow starts a child (decision 0110): on the children's task queue the
adapter names in the input, which a second worker process polls alone, and handed on to nested children."""

import asyncio
from types import SimpleNamespace

import pytest

from agentcheck_temporal import workflow as wf
from agentcheck_temporal.workflow import _Interpreter


class _StartedChildren:
    """Stands in for the SDK's execute_child_workflow (outside a workflow there is none): records each start."""

    def __init__(self) -> None:
        self.starts: list[tuple[dict, dict]] = []

    async def __call__(self, _type: str, arg: dict, **options) -> dict:
        self.starts.append((arg, options))
        return {"results": {}, "decisions": {}}


def _agent_step() -> dict:
    return {"kind": "agent", "id": "ask-billing", "agent": "billing", "plan": {"steps": [{"kind": "llm", "id": "summarize", "tokens": 10}]}}


def _start_child(monkeypatch: pytest.MonkeyPatch, child_task_queue: str | None) -> tuple[dict, dict]:
    started = _StartedChildren()
    monkeypatch.setattr(wf.workflow, "execute_child_workflow", started)
    monkeypatch.setattr(wf.workflow, "info", lambda: SimpleNamespace(workflow_id="run-1"))
    run = _Interpreter()
    run.run_id, run.child_task_queue = "run-1", child_task_queue
    asyncio.run(run.agent(_agent_step()))
    [(arg, options)] = started.starts
    return arg, options


def test_a_child_starts_on_the_childrens_queue_and_hands_it_on_to_its_own_children(monkeypatch: pytest.MonkeyPatch):
    # Decision 0110: the child's own worker polls `<queue>-children`; a nested child must land there too, not on the parent's queue.
    arg, options = _start_child(monkeypatch, "case-q-children")
    assert options == {"id": "run-1/ask-billing", "task_queue": "case-q-children"}
    assert arg["childTaskQueue"] == "case-q-children"
    assert arg["child"] == {"childRun": "run-1/ask-billing", "agentStep": "ask-billing"}


def test_without_a_childrens_queue_a_child_runs_on_its_parents(monkeypatch: pytest.MonkeyPatch):
    arg, options = _start_child(monkeypatch, None)
    assert options == {"id": "run-1/ask-billing", "task_queue": None}  # None: the SDK's default, the parent's task queue
    assert "childTaskQueue" not in arg
