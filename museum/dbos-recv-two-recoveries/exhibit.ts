import { defineExhibit } from '../exhibit.js';

export default defineExhibit({
  bug: 'dbos-inc/dbos-transact-ts#1205',
  adapter: 'dbos',
  scenario: 'approvals/approved-on-two-workers',
  affected: ['@dbos-inc/dbos-sdk@4.10.15'],
  // Not 4.11.11, the release with PR #1207: its fix tells a rival's checkpoint from its
  // own by the completion time in milliseconds, so a loser that records in the same
  // millisecond still goes on with its own result (decision 0101; the README has the
  // measurements). 5.2 checks the run's ownership at every checkpoint instead.
  fixed: ['@dbos-inc/dbos-sdk@5.2.11'],
  // Both processes get past recv: the step after it runs twice (step-isolation), or one
  // of them times out and records the run as such (the approval lost).
  catches: ['step-isolation', 'approval-integrity', 'correct-output', 'audit-trail'],
  repeat: 3,
});
