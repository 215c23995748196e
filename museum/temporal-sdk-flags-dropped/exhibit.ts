import { defineExhibit } from '../exhibit.js';

// Temporal's packages are pinned together, at one version (docs/museum.md).
const sdk = (version: string) => ['activity', 'client', 'common', 'worker', 'workflow'].map((p) => `@temporalio/${p}@${version}`);

export default defineExhibit({
  bug: 'temporalio/sdk-typescript#1530',
  adapter: 'temporal',
  // No built-in case replays a task that took a signal with another job (README.md).
  scenario: 'scenario.yaml',
  affected: sdk('1.11.1'),
  fixed: sdk('1.11.2'),
  // The SDK flag that ordered the task's jobs was never written to the history, so the
  // replay after the second crash orders them the old way: a nondeterminism error fails
  // every workflow task from then on and the run never ends (completes); what it would
  // have returned and decided is then unknown, not failed.
  catches: ['completes'],
  repeat: 2,
  // A restarted worker took ~4 s to be ready at a load of 14; the default 10 s after the
  // faults heal is close to that.
  timeoutMs: 30_000,
  // Four runs of 30-75 s: minutes, too long for `npm test`.
  long: true,
});
