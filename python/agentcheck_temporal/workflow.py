"""The interpreter: a Temporal workflow that runs any agent plan, written the way
Temporal's Python docs say. Every llm and tool step is an activity (retried by policy,
heartbeating, its result recorded in the event history); approvals are signals awaited
with wait_condition() and the plan's timeout; sleeps are durable timers; parallel
branches are concurrent activities; an agent step is a child workflow whose id is
derived from the parent's. A decision may also come as an update
(AGENTCHECK_TEMPORAL_APPROVAL=update, decision 0087): the caller waits for the
workflow's answer, and a validator refuses what the run would ignore. The same
workflow type, signal, update, activity ids and summaries
as the TypeScript worker (adapters/temporal/contract.ts), so the adapter's client and
its history reader serve both."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from agentcheck_kit import WorkerEnv, agent_result, call_with_retry, child_run_id, effect_request, execute_plan_async

    from .settings import ACTIVITY_RETRY, HEARTBEAT_TIMEOUT, START_TO_CLOSE

WORKFLOW_TYPE = "agentPlan"
APPROVAL_SIGNAL = "approval"
DECIDE_UPDATE = "decide"


def for_step(step_id: str) -> dict[str, Any]:
    """One step's activity options, with the step id as the activity id: it names the step in the history and in the idempotency key."""
    return dict(
        activity_id=step_id,
        summary=step_id,
        start_to_close_timeout=START_TO_CLOSE,
        heartbeat_timeout=HEARTBEAT_TIMEOUT,
        retry_policy=ACTIVITY_RETRY,
    )


class _Interpreter:
    """The plan walk's primitives, the workflow's state, and its signal's effect."""

    def __init__(self) -> None:
        # Signals that arrive before the run reaches its wait sit in the history and land here too. The first decision counts.
        self.decisions: dict[str, str] = {}
        # Approval steps whose wait ran out: a decision on them changes nothing.
        self.expired: set[str] = set()
        self.run_id = ""
        self.child: dict[str, str] | None = None
        # The task queue children run on, polled by a worker process of their own (decision 0110); None: the parent's.
        self.child_task_queue: str | None = None

    def on_approval(self, msg: dict[str, str]) -> str:
        if msg["stepId"] not in self.decisions:
            self.decisions[msg["stepId"]] = "approved" if msg["decision"] == "approve" else "rejected"
        return self.decisions[msg["stepId"]]

    def refuse_decision(self, msg: dict[str, str]) -> None:
        """The update's validator: it runs before the update is written to the history, so a refused one leaves no trace there."""
        step_id = msg["stepId"]
        if step_id in self.decisions:
            raise ValueError(f"{step_id} was already decided: {self.decisions[step_id]}")
        if step_id in self.expired:
            raise ValueError(f"{step_id} is no longer waiting: its request expired")

    async def interpret(self, input: dict[str, Any]) -> dict[str, Any]:
        self.run_id = input["runId"]
        self.child = input.get("child")
        self.child_task_queue = input.get("childTaskQueue")
        if self.child:
            # A child's first act, as an activity: recorded once in its history, retried with a key.
            step = self.child["agentStep"]
            await workflow.execute_activity("announceStart", {"runId": self.run_id, "stepId": step, "childRun": self.child["childRun"]}, **for_step(step))
        return await execute_plan_async(input["plan"], self)

    def effect_input(self, step: dict[str, Any]) -> dict[str, Any]:
        return effect_request(self.run_id, step, childRun=self.child["childRun"] if self.child else None)

    async def effect(self, step: dict[str, Any]) -> str:
        return await workflow.execute_activity("effect", self.effect_input(step), result_type=str, **for_step(step["id"]))

    async def approval(self, step: dict[str, Any]) -> str:
        # The request's expiry is fixed when the approver was asked, as a deadline sent with
        # it would be: a worker crash before the wait began does not lengthen the wait.
        sent = await workflow.execute_activity("requestApproval", {"runId": self.run_id, "stepId": step["id"]}, **for_step(step["id"]))
        left_ms = max(1.0, sent["requestedAt"] + step["timeoutMs"] - workflow.time() * 1000)  # workflow time: replays identically
        # A durable timer bounds the wait: a decision that comes after it fired changes nothing.
        try:
            await workflow.wait_condition(lambda: step["id"] in self.decisions, timeout=timedelta(milliseconds=left_ms), timeout_summary=step["id"])
        except asyncio.TimeoutError:
            self.expired.add(step["id"])
            return "timed-out"
        return self.decisions[step["id"]]

    async def sleep(self, step: dict[str, Any]) -> None:
        await workflow.sleep(timedelta(milliseconds=step["ms"]), summary=step["id"])

    async def agent(self, step: dict[str, Any]) -> str:
        # A child workflow, as Temporal's docs teach: its id derived from the parent's, so a
        # replayed parent finds the child it started instead of starting another. It runs on
        # the children's task queue when the input names one, served by a worker process of
        # its own (decision 0110), and its activities with it; its own children too.
        child_run = child_run_id(workflow.info().workflow_id, step)
        child_input: dict[str, Any] = {"runId": self.run_id, "plan": {"name": step["agent"], "steps": step["plan"]["steps"]}, "child": {"childRun": child_run, "agentStep": step["id"]}}
        if self.child_task_queue:
            child_input["childTaskQueue"] = self.child_task_queue
        output = await workflow.execute_child_workflow(WORKFLOW_TYPE, child_input, id=child_run, task_queue=self.child_task_queue)
        return agent_result(output)


@workflow.defn(name=WORKFLOW_TYPE)
class AgentPlan(_Interpreter):
    @workflow.signal(name=APPROVAL_SIGNAL)
    def approval_signal(self, msg: dict[str, str]) -> None:
        self.on_approval(msg)

    @workflow.update(name=DECIDE_UPDATE)
    def decide(self, msg: dict[str, str]) -> str:
        return self.on_approval(msg)

    @decide.validator
    def validate_decide(self, msg: dict[str, str]) -> None:
        self.refuse_decision(msg)

    @workflow.run
    async def run(self, input: dict[str, Any]) -> dict[str, Any]:
        return await self.interpret(input)


@workflow.defn(name=WORKFLOW_TYPE, sandboxed=False)
class AgentPlanUnsafe(AgentPlan):
    """Known-bad on purpose: the model and tool calls made straight from workflow code, the
    way an easy first program does (with the sandbox switched off so the HTTP client is
    not in its way). Nothing records the call: after a worker crash Temporal replays the
    workflow from its history on another worker, and every call before the crash runs again."""

    @workflow.run
    async def run(self, input: dict[str, Any]) -> dict[str, Any]:
        return await super().run(input)  # the SDK wants the run method declared on the class itself

    async def effect(self, step: dict[str, Any]) -> str:
        return call_with_retry(WorkerEnv.from_environ(), self.effect_input(step))
