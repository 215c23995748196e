import { defineExhibit } from '../exhibit.js';

export default defineExhibit({
  bug: 'temporalio/sdk-core#961',
  adapter: 'temporal-py',
  // A stalled worker, a deadline that fires into it, an update, then a replay (README.md).
  scenario: 'scenario.yaml',
  affected: ['temporalio==1.15.0'],
  fixed: ['temporalio==1.16.0'],
  // Every replay of the task that accepted the update fails with a nondeterminism error,
  // so the run never ends (completes); its output, effects and decisions are then
  // unknown, not failed.
  catches: ['completes'],
  repeat: 2,
  // The bug lives on the update path only (decision 0087).
  env: { AGENTCHECK_TEMPORAL_APPROVAL: 'update' },
  // A restarted Python worker started cold (decision 0098) takes seconds on a loaded machine.
  timeoutMs: 30_000,
  // Each run of 1.15.0 waits out its deadline (~45-65 s): minutes, too long for `npm test`.
  long: true,
});
