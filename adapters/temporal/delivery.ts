import { CouldNotRunError } from '../../harness/kit.js';

// How the harness's human hands a decision to the workflow. Temporal has two ways,
// and applications use both: a signal (fire and forget: the server keeps it in the
// history, the workflow reads it when it runs) and an update (the caller waits until
// a worker took it, and gets the workflow's answer). The workflow accepts both; this
// option picks which one the adapter's client sends (decision 0087). Signals stay the
// default: the scorecard's Temporal verdicts were made with them.

export const APPROVAL_ENV = 'AGENTCHECK_TEMPORAL_APPROVAL';
const WAYS = ['signal', 'update'] as const;
export type ApprovalDelivery = (typeof WAYS)[number];

/** The way the user asked for; signals when the variable is unset. */
export function approvalDeliveryFromEnv(env: NodeJS.ProcessEnv = process.env): ApprovalDelivery {
  const value = env[APPROVAL_ENV];
  if (!value) return 'signal';
  if ((WAYS as readonly string[]).includes(value)) return value as ApprovalDelivery;
  throw new CouldNotRunError(`${APPROVAL_ENV}=${value}: expected one of ${WAYS.join(', ')} (how a human's decision reaches the workflow), or unset for signals`);
}
