import { Context } from '@temporalio/activity';
export { callModel, type Message } from './model.ts';

const PAYMENTS = process.env.PAYMENTS_URL ?? 'https://payments.internal';

/**
 * Activity: the refund, with an idempotency key that stays the same across the
 * activity's retries (workflow id + activity id), as Temporal's docs advise.
 */
export async function issueRefund(userToken: string, args: { charge: string; amount: number }): Promise<unknown> {
  const info = Context.current().info;
  const res = await fetch(`${PAYMENTS}/v1/refunds`, {
    method: 'POST',
    headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json', 'idempotency-key': `${info.workflowExecution.workflowId}-${info.activityId}` },
    body: JSON.stringify(args),
  });
  if (!res.ok) throw new Error(`payments answered ${res.status}`);
  return res.json();
}
