"""The refund tool: a POST to the payments service, retried on a network error or a timeout, with the
model's tool call id as the Idempotency-Key so a retry (or a resumed run) refunds once."""
import json
import os
import time
import urllib.request

PAYMENTS = os.environ.get("PAYMENTS_URL", "https://payments.internal")
# How long to wait for the payments service before giving up on an attempt (urllib's own timeout).
TIMEOUT_S = float(os.environ.get("PAYMENTS_TIMEOUT_S", "10"))


def post(path, body, headers):
    request = urllib.request.Request(f"{PAYMENTS}{path}", data=json.dumps(body).encode(), method="POST", headers={"content-type": "application/json", **headers})
    for attempt in range(3):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return json.loads(response.read())
        except OSError:
            if attempt == 2:
                raise
            time.sleep(0.2)


def issue_refund(user_token, call_id, args):
    return post("/v1/refunds", args, {"authorization": f"Bearer {user_token}", "idempotency-key": call_id})
