import { defineExhibit } from '../exhibit.js';

export default defineExhibit({
  bug: 'dbos-inc/dbos-transact-ts#1205',
  adapter: 'dbos',
  scenario: 'approvals/approved-on-two-workers',
  affected: ['@dbos-inc/dbos-sdk@4.10.15'],
  fixed: ['@dbos-inc/dbos-sdk@4.11.11'],
  // Both processes get past recv: the step after it runs twice (step-isolation), or one
  // of them times out and records the run as such (the approval lost).
  catches: ['step-isolation', 'approval-integrity', 'correct-output', 'audit-trail'],
  repeat: 3,
});
