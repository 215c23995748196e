// The refund agent's model and tools, as the LangGraph.js docs teach them: ChatOpenAI
// with tools bound, a `tool()` with a zod schema. Shared by both graphs.
import { ChatOpenAI } from '@langchain/openai';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';

const PAYMENTS = process.env.PAYMENTS_URL ?? 'https://payments.internal';
const APPROVALS_WEBHOOK = process.env.APPROVALS_WEBHOOK ?? 'https://hooks.slack.com/services/T0001/B0001/approvals';

export const issueRefund = tool(
  async ({ charge, amount }, config) => {
    const res = await fetch(`${PAYMENTS}/v1/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.configurable?.user_token}`,
        'content-type': 'application/json',
        // The model's tool call id is in the checkpoint: the same on every re-run of this node.
        'idempotency-key': `refund-${config.toolCall?.id}`,
      },
      body: JSON.stringify({ charge, amount }),
    });
    return JSON.stringify(await res.json());
  },
  {
    name: 'issue_refund',
    description: 'Refund a charge, after a person approves it',
    schema: z.object({ charge: z.string(), amount: z.number() }),
  },
);

export const tools = [issueRefund];

export const model = new ChatOpenAI({ model: 'gpt-4o-mini', temperature: 0 }).bindTools(tools);

/** Tell the approvers in Slack that a refund waits for them. */
export async function notifyApprovers(threadId: string, args: Record<string, unknown>) {
  await fetch(APPROVALS_WEBHOOK, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `Refund of ${args.amount} on ${args.charge} waits for approval (run ${threadId})` }),
  });
}
