// Restate retries a failed invocation attempt (a crashed endpoint, a ctx.run that
// threw) with its default retry policy: 500 ms doubling to 1 min. With that, a
// worker restarted after a 200 ms crash waits seconds for the next attempt, and a
// case that should take a second takes ten. The server started for the test runs
// retries sooner; the number of attempts and what happens after them (pause) stay
// Restate's defaults, so the guarantees under test are the ones users get.
// docs/adapters/restate.md lists the same values for a server you run yourself.

export const TEST_RETRY_POLICY: Record<string, string> = {
  RESTATE_DEFAULT_RETRY_POLICY__INITIAL_INTERVAL: '50ms',
  RESTATE_DEFAULT_RETRY_POLICY__EXPONENTIATION_FACTOR: '2.0',
  RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL: '250ms',
};
