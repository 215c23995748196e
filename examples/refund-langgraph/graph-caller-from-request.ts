// The same agent (approvers notified in a node of their own), but the refund tool reads
// the caller from the request context, as handlers often do, instead of from the run's
// config. Whatever resumes the graph later — the approver's request, a restart — is
// not the customer's request: the tool then falls back to the service's own key.
import { tool } from '@langchain/core/tools';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { z } from 'zod';
import { buildWithTools } from './graph.ts';
import { requestContext } from './request-context.ts';

const PAYMENTS = process.env.PAYMENTS_URL ?? 'https://payments.internal';

const issueRefund = tool(
  async ({ charge, amount }, config) => {
    const token = requestContext.getStore()?.userToken ?? process.env.PAYMENTS_SERVICE_KEY;
    const res = await fetch(`${PAYMENTS}/v1/refunds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `refund-${config.toolCall?.id}` },
      body: JSON.stringify({ charge, amount }),
    });
    return JSON.stringify(await res.json());
  },
  { name: 'issue_refund', description: 'Refund a charge, after a person approves it', schema: z.object({ charge: z.string(), amount: z.number() }) },
);

export const buildGraph = (checkpointer: BaseCheckpointSaver) => buildWithTools(checkpointer, [issueRefund]);
