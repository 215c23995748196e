export { callModel, type Message } from './model.ts';

const PAYMENTS = process.env.PAYMENTS_URL ?? 'https://payments.internal';

/** Activity: the refund, without an idempotency key — the variant that refunds twice. */
export async function issueRefund(userToken: string, args: { charge: string; amount: number }): Promise<unknown> {
  const res = await fetch(`${PAYMENTS}/v1/refunds`, {
    method: 'POST',
    headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  if (!res.ok) throw new Error(`payments answered ${res.status}`);
  return res.json();
}
