import json
import threading
import urllib.error
import urllib.request

import pytest

from agentcheck_kit import announce_ready, make_server


class Agent:
    def __init__(self):
        self.started = []

    def recover(self):
        pass

    def start(self, run_id):
        self.started.append(run_id)

    def answer(self, run_id, step_id, decision):
        return "resumed" if step_id == "waiting" else "not-waiting"

    def result(self, run_id):
        return {"status": "completed", "output": {"results": {}, "decisions": {}}} if run_id in self.started else None

    def history(self, run_id):
        return None


@pytest.fixture
def app():
    agent = Agent()
    server = make_server(agent)
    threading.Thread(target=lambda: server.serve_forever(poll_interval=0.02), daemon=True).start()
    yield agent, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def call(url, method="GET", body=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(req, timeout=5) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_the_app_listens_on_loopback_only(app):
    assert app[1].startswith("http://127.0.0.1:")


def test_a_run_starts_and_its_result_is_read(app):
    agent, url = app
    assert call(f"{url}/runs/r1") == (200, {"status": "running"})
    assert call(f"{url}/runs", "POST", {"runId": "r1"}) == (202, {"runId": "r1"})
    assert agent.started == ["r1"]
    assert call(f"{url}/runs/r1")[1]["status"] == "completed"


def test_an_approval_nobody_waits_for_is_a_conflict(app):
    _, url = app
    assert call(f"{url}/runs/r1/approvals/waiting", "POST", {"decision": "approve"}) == (202, {"outcome": "resumed"})
    assert call(f"{url}/runs/r1/approvals/other", "POST", {"decision": "approve"}) == (409, {"outcome": "not-waiting"})


def test_no_history_is_404(app):
    assert call(f"{app[1]}/runs/r1/history")[0] == 404


def test_the_ready_line(capsys):
    announce_ready({"url": "http://127.0.0.1:1"})
    assert capsys.readouterr().out == 'agentcheck:ready {"url":"http://127.0.0.1:1"}\n'


def test_lines_from_many_threads_never_run_into_the_ready_line(capfd):
    from agentcheck_kit import write_line

    threads = [threading.Thread(target=lambda i=i: [write_line(f"log {i} {k}") for k in range(200)]) for i in range(4)]
    for t in threads:
        t.start()
    announce_ready("x")
    for t in threads:
        t.join()
    lines = capfd.readouterr().out.splitlines()
    assert "agentcheck:ready x" in lines
    assert all(line.startswith(("log ", "agentcheck:ready")) and line.count("agentcheck") <= 1 for line in lines)
