import { createHash } from 'node:crypto';

/**
 * The outside world's answer to a step: a pure function of the step, so the oracle
 * can predict a run's output and a repeated call gets the same answer.
 */
export function responseFor(stepId: string, tool = ''): string {
  const digest = createHash('sha256').update(`${stepId}\u0000${tool}`).digest('hex').slice(0, 10);
  return `${stepId}:${digest}`;
}
