import { defineExhibit } from '../exhibit.js';
import { APPROVAL_ENV } from '../../adapters/temporal/delivery.js';

export default defineExhibit({
  bug: 'temporalio/sdk-core#961',
  adapter: 'temporal-py',
  // No built-in case has a timed-out workflow task followed by one that takes an update (README.md).
  scenario: 'scenario.yaml',
  // sdk-core#961 reached the Python SDK in 1.16.0 (its sdk-core submodule); 1.15.0's core is before it.
  affected: ['temporalio==1.15.0'],
  fixed: ['temporalio==1.16.0'],
  // The replay splits the task that took the update in two, the update last: the workflow's
  // commands come in another order, a nondeterminism error fails every workflow task from then
  // on and the run never ends (completes); what it would have returned is then unknown.
  catches: ['completes'],
  // The bug lives behind updates: signals never take this path.
  env: { [APPROVAL_ENV]: 'update' },
  // The status sign-off's deadline runs out while the worker holding the run is frozen: the
  // timer checker cannot tell the 2 s task timeout from a restarted timer, on either release.
  undecided: ['durable-timers'],
  // Whether the status deadline's task reaches the frozen worker before the sign-off comes is a race
  // (1.15.0 passed 1 of 2 runs on seed 2, README.md): three runs per seed.
  repeat: 3,
  timeoutMs: 30_000,
  // The affected release's runs wait out their deadline (~70 s each): minutes, too long for `npm test`.
  long: true,
});
