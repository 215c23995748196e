"""The effect ledger's HTTP API from a worker: one POST /effects per llm or tool call.

Whether and how to retry is the runtime's business, as it would be for a real API:
call_effect makes one attempt; call_with_retry is the plain retry loop for runtimes
that have none of their own."""

from __future__ import annotations

import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Callable

from .env import WorkerEnv


class EffectCallError(Exception):
    def __init__(self, message: str, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


def effect_request(run_id: str, step: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The request for an llm or tool step, as the ledger expects it (harness/ledger/events.ts)."""
    req: dict[str, Any] = {"runId": run_id, "stepId": step["id"], "kind": step["kind"]}
    if step["kind"] == "tool":
        req.update(tool=step["tool"], mode=step["mode"])
    else:
        req["tokens"] = step.get("tokens", 1000)
    req.update({k: v for k, v in extra.items() if v is not None})
    return req


def call_effect(env: WorkerEnv, req: dict[str, Any], timeout_s: float = 5.0) -> str:
    """One call to the outside world; returns the ledger's answer or raises EffectCallError."""
    body = json.dumps({**req, "pid": os.getpid()}).encode()
    http_req = urllib.request.Request(
        f"{env.ledger_url}/effects",
        data=body,
        method="POST",
        headers={"content-type": "application/json", "authorization": f"Bearer {env.ledger_token}"},
    )
    try:
        with urllib.request.urlopen(http_req, timeout=timeout_s) as res:
            text = res.read().decode()
    except urllib.error.HTTPError as err:
        detail = err.read().decode(errors="replace")
        raise EffectCallError(f"{req['stepId']}: HTTP {err.code} {detail}", err.code >= 500) from None
    except (urllib.error.URLError, http.client.HTTPException, socket.timeout, ConnectionError, TimeoutError) as err:
        raise EffectCallError(f"{req['stepId']}: no answer ({err})", True) from None
    return json.loads(text)["value"]


def request_approval(env: WorkerEnv, run_id: str, step_id: str, timeout_s: float = 5.0) -> None:
    """The notification a real agent sends a human before it waits: an effect of kind approval-request."""
    call_effect(env, {"runId": run_id, "stepId": step_id, "kind": "approval-request"}, timeout_s)


def call_with_retry(
    env: WorkerEnv,
    req: dict[str, Any],
    max_attempts: float = float("inf"),
    first_delay_s: float = 0.02,
    max_delay_s: float = 0.25,
    timeout_s: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Capped exponential backoff on retryable failures, as the TypeScript kit's callWithRetry."""
    attempt = 1
    while True:
        try:
            return call_effect(env, req, timeout_s)
        except EffectCallError as err:
            if not err.retryable or attempt >= max_attempts:
                raise
            sleep(min(max_delay_s, first_delay_s * 2 ** (attempt - 1)))
            attempt += 1
