"""The ready line: the harness waits for it on stdout before it sends a worker any work."""

from __future__ import annotations

import json
import sys
from typing import Any

READY_MARKER = "agentcheck:ready"


def announce_ready(payload: Any = "") -> None:
    """Print the ready line; `payload` (a string, or JSON for anything else) reaches the adapter's workerStarted()."""
    text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    sys.stdout.write(f"{READY_MARKER} {text}\n")
    # A pipe is block-buffered: unflushed, the line would wait for the buffer to fill.
    sys.stdout.flush()
