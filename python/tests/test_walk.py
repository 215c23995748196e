import asyncio
import threading
import time

from agentcheck_kit import agent_result, child_run_id, execute_plan, execute_plan_async

from test_plan import PLAN


class Recorder:
    def __init__(self, decision):
        self.decision = decision
        self.calls = []
        self.lock = threading.Lock()

    def effect(self, step):
        with self.lock:
            self.calls.append(step["id"])
        return f"{step['id']}:answer"

    def approval(self, step):
        self.calls.append(f"ask {step['id']}")
        return self.decision

    def sleep(self, step):
        time.sleep(step["ms"] / 1000)
        with self.lock:
            self.calls.append(f"slept {step['id']}")


def test_the_walk_takes_the_approved_branch_and_runs_every_branch():
    rec = Recorder("approved")
    out = execute_plan(PLAN, rec)
    assert out == {
        "results": {"assess": "assess:answer", "note": "note:answer", "refund": "refund:answer"},
        "decisions": {"ok": "approved"},
    }
    assert rec.calls[:3] == ["assess", "ask ok", "refund"]
    assert sorted(rec.calls[3:]) == ["note", "slept nap"]


def test_a_rejection_skips_the_approved_branch():
    out = execute_plan(PLAN, Recorder("rejected"))
    assert "refund" not in out["results"]
    assert out["decisions"] == {"ok": "rejected"}


def test_output_keys_are_sorted_whatever_finished_first():
    out = execute_plan(PLAN, Recorder("timed-out"))
    assert list(out["results"]) == sorted(out["results"])
    assert out["decisions"] == {"ok": "timed-out"}
    assert "refund" in out["results"]  # onTimeout: approve


def test_parallel_branches_run_at_once():
    plan = {"name": "p", "steps": [{"kind": "parallel", "id": "f", "branches": [[{"kind": "sleep", "id": f"s{i}", "ms": 200}] for i in range(3)]}]}
    started = time.monotonic()
    execute_plan(plan, Recorder("approved"))
    # Three 200 ms sleeps one after another would take 600 ms: well under that means at once.
    assert time.monotonic() - started < 0.55


def test_primitives_may_run_parallel_branches_themselves():
    seen = []

    class Own(Recorder):
        def parallel(self, branches, run_branch):
            seen.append(len(branches))
            for b in branches:
                run_branch(b)

    out = execute_plan(PLAN, Own("approved"))
    assert seen == [2]
    assert "note" in out["results"]


def test_branch_outputs_handed_back_by_the_primitives_are_merged():
    # As a runtime does that replays a branch from its record instead of running it here.
    class Replayed(Recorder):
        def parallel(self, branches, run_branch):
            return [execute_plan({"steps": b}, Recorder("approved")) for b in branches]

    assert execute_plan(PLAN, Replayed("approved")) == execute_plan(PLAN, Recorder("approved"))


def test_branch_outputs_missing_from_the_primitives_are_missing_from_the_output():
    class Dropped(Recorder):
        def parallel(self, branches, run_branch):
            return [{"results": {}, "decisions": {}} for _ in branches]

    assert "note" not in execute_plan(PLAN, Dropped("approved"))["results"]


def test_the_async_walk_gives_the_same_output():
    class Async:
        def __init__(self):
            self.sync = Recorder("rejected")

        async def effect(self, step):
            return self.sync.effect(step)

        async def approval(self, step):
            return self.sync.approval(step)

        async def sleep(self, step):
            await asyncio.sleep(step["ms"] / 1000)

    assert asyncio.run(execute_plan_async(PLAN, Async())) == execute_plan(PLAN, Recorder("rejected"))


AGENT_PLAN = {
    "name": "parent",
    "steps": [
        {"kind": "llm", "id": "plan"},
        {"kind": "agent", "id": "helper", "agent": "helper", "plan": {"steps": [{"kind": "tool", "id": "look", "tool": "search", "mode": "read"}]}},
    ],
}


def test_an_agent_step_runs_through_the_agent_primitive_and_its_result_is_the_childs_output():
    class WithAgents(Recorder):
        def agent(self, step):
            return agent_result(execute_plan(step["plan"], self))

    out = execute_plan(AGENT_PLAN, WithAgents("approved"))
    assert out["results"]["helper"] == '{"results":{"look":"look:answer"},"decisions":{}}'
    assert child_run_id("run-1", AGENT_PLAN["steps"][1]) == "run-1/helper"


def test_an_interpreter_without_an_agent_primitive_refuses_an_agent_step():
    import pytest

    with pytest.raises(RuntimeError, match='agent step "helper"'):
        execute_plan(AGENT_PLAN, Recorder("approved"))
