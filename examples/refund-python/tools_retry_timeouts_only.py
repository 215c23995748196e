"""The refund tool that retries only a try that got no answer (a timeout, a dropped connection),
with the same key, and takes any answer with an error status as final, as `raise_for_status()`
code does. A 409 "key in use" is such an answer, though it means "the first try is still in
progress: try again later": the tool raises, the run stops, and the refund the first try made
is never reported to the model."""
import json
import time
import urllib.error
import urllib.request

from tools import PAYMENTS, TIMEOUT_S


def issue_refund(user_token, call_id, args):
    headers = {"content-type": "application/json", "authorization": f"Bearer {user_token}", "idempotency-key": call_id}
    request = urllib.request.Request(f"{PAYMENTS}/v1/refunds", data=json.dumps(args).encode(), method="POST", headers=headers)
    for attempt in range(3):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError:
            raise
        except OSError:
            if attempt == 2:
                raise
            time.sleep(0.2)
