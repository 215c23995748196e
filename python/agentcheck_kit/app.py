"""The small HTTP app a worker puts in front of its agent, so the adapter's TypeScript
side (adapters/python/app-client.ts) can start runs, hand over approvals and read
results without knowing the runtime. Bound to 127.0.0.1 on a free port; the port goes
out on the ready line as {"url": ...}.

  POST /runs                          {"runId"}              -> 202
  POST /runs/<run>/approvals/<step>   {"decision": "approve"|"reject"}
                                      -> 202 {"outcome": "resumed"|"already-decided"}, 409 {"outcome": "not-waiting"}
  GET  /runs/<run>                    -> 200 {"status": "running"|"completed"|"failed", "output"?, "error"?}
  GET  /runs/<run>/history            -> 200 {"steps": [...]}, 404 when the agent keeps none
"""

from __future__ import annotations

import json
import signal
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from .ready import announce_ready


class Agent(Protocol):
    def recover(self) -> None:
        """At worker start, before any request: resume what a crash left unfinished."""
    def start(self, run_id: str) -> None:
        """Start a run in the background; return at once."""
    def answer(self, run_id: str, step_id: str, decision: str) -> str:
        """'resumed', 'already-decided' or 'not-waiting'."""
    def result(self, run_id: str) -> dict[str, Any] | None:
        """{'status': 'completed', 'output': ...} or {'status': 'failed', 'error': ...}; None while it runs."""
    def history(self, run_id: str) -> dict[str, Any] | None:
        """The runtime's own record of the run ({'steps': [...]}, harness/adapter.ts RuntimeHistory), or None."""


def _handler(agent: Agent) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # the worker log has the app's own lines
            pass

        def _reply(self, status: int, value: Any) -> None:
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("content-length") or 0)
            return json.loads(self.rfile.read(length) or b"{}")

        def _route(self, method: str) -> None:
            parts = [p for p in self.path.split("?")[0].split("/") if p]
            try:
                if method == "POST" and parts == ["runs"]:
                    run_id = self._body()["runId"]
                    agent.start(run_id)
                    return self._reply(202, {"runId": run_id})
                if method == "POST" and len(parts) == 4 and parts[0] == "runs" and parts[2] == "approvals":
                    decision = "approve" if self._body().get("decision") == "approve" else "reject"
                    outcome = agent.answer(parts[1], parts[3], decision)
                    # Not waiting yet: the person is told to try again, as a UI would.
                    return self._reply(409 if outcome == "not-waiting" else 202, {"outcome": outcome})
                if method == "GET" and len(parts) == 2 and parts[0] == "runs":
                    return self._reply(200, agent.result(parts[1]) or {"status": "running"})
                if method == "GET" and len(parts) == 3 and parts[0] == "runs" and parts[2] == "history":
                    history = agent.history(parts[1])
                    return self._reply(404, {"error": "no history"}) if history is None else self._reply(200, history)
                self._reply(404, {"error": "no such route"})
            except Exception as err:  # one request's failure is that request's answer, not the worker's end
                traceback.print_exc()
                self._reply(500, {"error": f"{type(err).__name__}: {err}"})

        def do_POST(self) -> None:
            self._route("POST")

        def do_GET(self) -> None:
            self._route("GET")

    return Handler


def make_server(agent: Agent) -> ThreadingHTTPServer:
    """The app on a free port of 127.0.0.1 (loopback only), not yet serving."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(agent))
    server.daemon_threads = True
    return server


def serve(agent: Agent) -> None:
    """Recover, listen on 127.0.0.1, print the ready line, and serve until the harness stops the worker."""
    # SIGTERM is the harness's graceful stop: exit at once, quietly.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Recover before taking requests: a run started after the scan must not be resumed by it too.
    agent.recover()
    server = make_server(agent)
    announce_ready({"url": f"http://127.0.0.1:{server.server_address[1]}"})
    server.serve_forever()
