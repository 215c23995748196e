// A known-bad variant of workflows-approval-deadline.ts (not an example to copy): when the
// deadline runs out it takes the silence as a yes and refunds anyway ("fail open").
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.ts';
import { APPROVAL_DEADLINE } from './workflows-approval-deadline.ts';

const { callModel, issueRefund } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds' },
});

export const decideSignal = defineSignal<[boolean]>('decide');

export async function refundAgent(input: { orderId: string; userToken: string }): Promise<string> {
  let decision: boolean | undefined;
  setHandler(decideSignal, (value) => void (decision = value));
  const messages: activities.Message[] = [
    { role: 'system', content: 'You handle refund requests. Use issue_refund when a refund is due.' },
    { role: 'user', content: `Please refund order ${input.orderId}.` },
  ];
  for (;;) {
    const message = await callModel(messages);
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const call of message.tool_calls) {
      await condition(() => decision !== undefined, APPROVAL_DEADLINE);
      // The bug: nobody said no, so it goes ahead.
      const approved = decision !== false;
      decision = undefined;
      const result = approved ? await issueRefund(input.userToken, JSON.parse(call.function.arguments)) : { error: 'a person rejected this refund' };
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
}
