"""Every timeout that decides how fast Temporal notices a crash, the same values as the
TypeScript worker's (adapters/temporal/settings.ts, where each one's production meaning
is explained), so the two SDKs are compared on the same footing. The workflow task
timeout is set by the client that starts the run (the adapter's TypeScript side)."""

from datetime import timedelta

from temporalio.common import RetryPolicy

# One attempt may run 5 s (above the slowest call and the injected 1.5 s hang); a missed
# heartbeat for 1 s declares a SIGKILLed worker's attempt lost.
START_TO_CLOSE = timedelta(seconds=5)
HEARTBEAT_TIMEOUT = timedelta(seconds=1)
HEARTBEAT_EVERY_S = 0.25

# Temporal's default policy, shortened: 100 ms first, doubling to 1 s, unlimited attempts.
ACTIVITY_RETRY = RetryPolicy(initial_interval=timedelta(milliseconds=100), backoff_coefficient=2, maximum_interval=timedelta(seconds=1))

# The HTTP client timeout of one call from an activity to the ledger.
CALL_TIMEOUT_S = 2.0

# A killed worker never polls its sticky queue again: after this, another worker takes the workflow over.
STICKY_SCHEDULE_TO_START = timedelta(milliseconds=500)
