"""The activities: the only code that talks to the outside world (the effect ledger).
Temporal runs an activity at least once: a retry after a crash or a lost answer calls
the API again, and only an idempotency key makes that safe for a write."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError

from agentcheck_kit import EffectCallError, WorkerEnv, call_effect

from .settings import CALL_TIMEOUT_S, HEARTBEAT_EVERY_S


def run_and_activity_id(info: activity.Info) -> str:
    """Temporal's documented idempotency key: the workflow run id and the activity id, the
    same on every retry of one activity, unique across workflow executions."""
    return f"{info.workflow_run_id}/{info.activity_id}"


class Activities:
    def __init__(self, env: WorkerEnv):
        self.env = env

    async def _call(self, req: dict[str, Any], keyed: bool) -> str:
        """One call, heartbeating while it is in flight so the server notices a dead worker within the heartbeat timeout."""
        info = activity.info()
        req = {**req, "runtimeAttempt": info.attempt, **({"idempotencyKey": run_and_activity_id(info)} if keyed else {})}
        activity.heartbeat()
        call = asyncio.ensure_future(asyncio.to_thread(call_effect, self.env, req, CALL_TIMEOUT_S))
        while not (await asyncio.wait({call}, timeout=HEARTBEAT_EVERY_S))[0]:
            activity.heartbeat()
        try:
            return call.result()
        except EffectCallError as err:
            # A 4xx will not get better by retrying: tell Temporal not to.
            if not err.retryable:
                raise ApplicationError(str(err), type="EffectRejected", non_retryable=True) from None
            raise

    @activity.defn(name="effect")
    async def effect(self, req: dict[str, Any]) -> str:
        return await self._call(req, req["kind"] == "tool" and req.get("mode") == "write")

    @activity.defn(name="announceStart")
    async def announce_start(self, req: dict[str, Any]) -> None:
        """A child workflow's first act: tell the outside world it started (keyed, like any message)."""
        await self._call({**req, "kind": "agent-start"}, True)

    @activity.defn(name="requestApproval")
    async def request_approval(self, req: dict[str, Any]) -> dict[str, float]:
        """Notify the approver (a message to a human is a write too, so it carries a key); returns when the request went out."""
        await self._call({**req, "kind": "approval-request"}, True)
        return {"requestedAt": time.time() * 1000}
