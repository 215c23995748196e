"""A refund agent in Python: an HTTP app that starts a run, a tool-calling loop on the
official `openai` client, and the refund as a call to the payments service on behalf of
the user (urllib, with an Idempotency-Key). Each run is journaled to a file after every
model answer and tool result, so a restarted process resumes the runs it had not
finished. Written the way the OpenAI docs teach a tool loop; it knows nothing of
agentcheck: the model's address comes from OPENAI_BASE_URL, the payments service's from
PAYMENTS_URL, as any deployed agent reads them.
"""
import importlib
import json
import os
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from openai import OpenAI

client = OpenAI()  # OPENAI_API_KEY and OPENAI_BASE_URL from the environment
# The refund tool: `tools` sends the tool call's id as the idempotency key;
# REFUND_TOOLS=tools_without_key picks the variant that does not.
tools = importlib.import_module(os.environ.get("REFUND_TOOLS", "tools"))
STATE = Path(os.environ.get("STATE_DIR", "runs"))
STATE.mkdir(parents=True, exist_ok=True)

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "issue_refund",
            "description": "Refund a charge",
            "parameters": {
                "type": "object",
                "properties": {"charge": {"type": "string"}, "amount": {"type": "number"}},
                "required": ["charge", "amount"],
            },
        },
    }
]


def save(run):
    tmp = STATE / f"{run['id']}.tmp"
    tmp.write_text(json.dumps(run))
    tmp.replace(STATE / f"{run['id']}.json")


def agent_loop(run):
    """Runs from whatever the journal holds: a tool call without its result is run (again)."""
    messages = run["messages"]
    while True:
        last = messages[-1]
        if last["role"] == "assistant" and last.get("tool_calls"):
            done = {m["tool_call_id"] for m in messages if m["role"] == "tool"}
            for call in last["tool_calls"]:
                if call["id"] in done:
                    continue
                args = json.loads(call["function"]["arguments"])
                result = tools.issue_refund(run["user_token"], call["id"], args)
                messages.append({"role": "tool", "tool_call_id": call["id"], "content": json.dumps(result)})
                save(run)
        completion = client.chat.completions.create(model="gpt-4o-mini", messages=messages, tools=TOOLS)
        message = completion.choices[0].message
        messages.append(message.model_dump(exclude_none=True))
        if not message.tool_calls:
            run["status"] = "done"
            run["answer"] = message.content
            save(run)
            return
        save(run)


def start(run):
    threading.Thread(target=agent_loop, args=(run,), daemon=True).start()


class App(BaseHTTPRequestHandler):
    def send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            return self.send(200, {"ok": True})
        path = STATE / f"{self.path.rsplit('/', 1)[-1]}.json"
        if self.path.startswith("/refunds/") and path.exists():
            run = json.loads(path.read_text())
            return self.send(200, {"id": run["id"], "status": run["status"], "answer": run.get("answer")})
        self.send(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/refunds":
            return self.send(404, {"error": "not found"})
        order = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
        run = {
            "id": str(uuid.uuid4()),
            "status": "running",
            # The refund is made on behalf of the user who asked for it.
            "user_token": self.headers.get("authorization", "").removeprefix("Bearer "),
            "messages": [
                {"role": "system", "content": "You handle refund requests. Use issue_refund when a refund is due."},
                {"role": "user", "content": f"Please refund order {order.get('orderId')}."},
            ],
        }
        save(run)
        start(run)
        self.send(202, {"id": run["id"]})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    # Runs a crash cut off go on from their journal.
    for path in STATE.glob("*.json"):
        run = json.loads(path.read_text())
        if run["status"] == "running":
            start(run)
    ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8000"))), App).serve_forever()
