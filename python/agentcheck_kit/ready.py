"""The ready line: the harness waits for it on stdout before it sends a worker any work."""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

READY_MARKER = "agentcheck:ready"

# print() writes a line's text and its newline in two calls: a line printed by another
# thread could land between them, and a ready line that does not start its own line is
# never seen. Every line goes out whole, under one lock.
_stdout = threading.Lock()


def write_line(text: str) -> None:
    """One whole line on stdout, flushed (a pipe is block-buffered: unflushed, it would wait for the buffer to fill)."""
    with _stdout:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


def announce_ready(payload: Any = "") -> None:
    """Print the ready line; `payload` (a string, or JSON for anything else) reaches the adapter's workerStarted()."""
    text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    write_line(f"{READY_MARKER} {text}")
