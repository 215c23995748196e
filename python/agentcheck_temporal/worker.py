"""The temporal-py worker process, as an application would run one: it polls the case's
task queue and runs the interpreter workflow and the activities. A case with agent steps
has a second one polling only the children's queue (decision 0110): the same code, with
AGENTCHECK_TEMPORAL_TASK_QUEUE set to that queue. The harness SIGKILLs
it and starts it again; the server hands the new worker what the dead one held.
Usage: python -m agentcheck_temporal.worker <workflow | workflow-unsafe>
The server, namespace and task queue come from the adapter (AGENTCHECK_TEMPORAL_*), the
ledger and the rest from the harness (docs/protocol.md)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from temporalio.client import Client
from temporalio.worker import Worker

from agentcheck_kit import WorkerEnv, announce_ready, wait_for_case

from .activities import Activities
from .settings import STICKY_SCHEDULE_TO_START
from .workflow import AgentPlan, AgentPlanUnsafe

INTERPRETERS = {"workflow": AgentPlan, "workflow-unsafe": AgentPlanUnsafe}


def need(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise SystemExit(f"{name} is not set (the temporal-py adapter sets it for every worker)")
    return value


async def connect(address: str, namespace: str) -> Client:
    """The server may be down (a runtime-restart case starts workers while it restarts): keep trying, as a deployed worker would."""
    api_key = os.environ.get("TEMPORAL_API_KEY")
    attempt = 0
    while True:
        attempt += 1
        try:
            return await Client.connect(address, namespace=namespace, **({"api_key": api_key, "tls": True} if api_key else {}))
        except Exception as err:  # noqa: BLE001 - any failure to connect means: not up yet
            if attempt % 20 == 1:
                print(f"temporal-py worker: cannot reach {address} yet: {err}", file=sys.stderr, flush=True)
            await asyncio.sleep(0.1)


async def main() -> None:
    # The SDK and the workflows are imported above: a warm spare has loaded them before its case (docs/protocol.md section 7).
    wait_for_case()
    interpreter = sys.argv[1] if len(sys.argv) > 1 else "workflow"
    if interpreter not in INTERPRETERS:
        raise SystemExit(f"interpreter {interpreter!r}: expected one of {', '.join(INTERPRETERS)}")
    env = WorkerEnv.from_environ()
    client = await connect(need("AGENTCHECK_TEMPORAL_ADDRESS"), need("AGENTCHECK_TEMPORAL_NAMESPACE"))
    activities = Activities(env)
    worker = Worker(
        client,
        task_queue=need("AGENTCHECK_TEMPORAL_TASK_QUEUE"),
        workflows=[INTERPRETERS[interpreter]],
        activities=[activities.effect, activities.announce_start, activities.request_approval],
        sticky_queue_schedule_to_start_timeout=STICKY_SCHEDULE_TO_START,
    )
    announce_ready({"pid": os.getpid()})
    await worker.run()


if __name__ == "__main__":
    # The harness stops workers with SIGTERM; there is nothing to drain, so exit at once.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    asyncio.run(main())
