import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from agentcheck_kit import EffectCallError, ProtocolError, WorkerEnv, call_effect, call_with_retry, effect_request, request_approval


class FakeLedger:
    """Answers POST /effects as the ledger does, from a list of canned statuses."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.requests = []
        ledger = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                ledger.requests.append((self.path, self.headers["authorization"], body))
                status = ledger.statuses.pop(0) if ledger.statuses else 200
                payload = json.dumps({"value": f"{body['stepId']}:v"} if status == 200 else {"error": "no"}).encode()
                self.send_response(status)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=lambda: self.server.serve_forever(poll_interval=0.02), daemon=True).start()
        self.env = WorkerEnv(f"http://127.0.0.1:{self.server.server_address[1]}", "tok", "/tmp", "abc", "/tmp/plan.json")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ledger(request):
    fake = FakeLedger(getattr(request, "param", []))
    yield fake
    fake.close()


def test_an_effect_carries_the_token_the_step_and_the_pid(ledger):
    step = {"kind": "tool", "id": "charge", "tool": "payments.charge", "mode": "write"}
    assert call_effect(ledger.env, effect_request("run-1", step, idempotencyKey="k1")) == "charge:v"
    path, auth, body = ledger.requests[0]
    assert (path, auth) == ("/effects", "Bearer tok")
    assert body == {"runId": "run-1", "stepId": "charge", "kind": "tool", "tool": "payments.charge", "mode": "write", "idempotencyKey": "k1", "pid": os.getpid()}


def test_an_llm_request_carries_its_tokens(ledger):
    call_effect(ledger.env, effect_request("r", {"kind": "llm", "id": "think", "tokens": 7}))
    assert ledger.requests[0][2]["tokens"] == 7


def test_an_approval_request_is_an_effect_of_its_own_kind(ledger):
    request_approval(ledger.env, "r", "legal")
    assert ledger.requests[0][2]["kind"] == "approval-request"


@pytest.mark.parametrize("ledger", [[503]], indirect=True)
def test_a_server_error_is_retryable(ledger):
    with pytest.raises(EffectCallError) as err:
        call_effect(ledger.env, effect_request("r", {"kind": "llm", "id": "a"}))
    assert err.value.retryable


@pytest.mark.parametrize("ledger", [[401]], indirect=True)
def test_a_refusal_is_not_retryable(ledger):
    with pytest.raises(EffectCallError, match="HTTP 401") as err:
        call_effect(ledger.env, effect_request("r", {"kind": "llm", "id": "a"}))
    assert not err.value.retryable


def test_no_answer_is_retryable():
    env = WorkerEnv("http://127.0.0.1:9", "tok", "/tmp", "abc", "/tmp/plan.json")
    with pytest.raises(EffectCallError, match="no answer") as err:
        call_effect(env, effect_request("r", {"kind": "llm", "id": "a"}), 1.0)
    assert err.value.retryable


@pytest.mark.parametrize("ledger", [[503, 503]], indirect=True)
def test_retries_until_an_answer(ledger):
    waits = []
    assert call_with_retry(ledger.env, effect_request("r", {"kind": "llm", "id": "a"}), sleep=waits.append) == "a:v"
    assert waits == [0.02, 0.04]


@pytest.mark.parametrize("ledger", [[503, 503, 503]], indirect=True)
def test_retries_stop_at_max_attempts(ledger):
    with pytest.raises(EffectCallError):
        call_with_retry(ledger.env, effect_request("r", {"kind": "llm", "id": "a"}), max_attempts=2, sleep=lambda s: None)
    assert len(ledger.requests) == 2


def test_a_worker_without_the_harness_variables_is_told_which():
    with pytest.raises(ProtocolError, match="AGENTCHECK_LEDGER_TOKEN, AGENTCHECK_RUN_SALT"):
        WorkerEnv.from_environ({"AGENTCHECK_LEDGER_URL": "x", "AGENTCHECK_CASE_DIR": "d", "AGENTCHECK_PLAN_FILE": "p"})
