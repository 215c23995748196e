// The refund agent as a Temporal workflow: the model and the refund are activities,
// a person's approval is a signal. Deterministic code only; all I/O is in activities.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.ts';

const { callModel, issueRefund } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds' },
});

export const decideSignal = defineSignal<[boolean]>('decide');

export async function refundAgent(input: { orderId: string; userToken: string }): Promise<string> {
  let approved: boolean | undefined;
  setHandler(decideSignal, (value) => void (approved = value));
  const messages: activities.Message[] = [
    { role: 'system', content: 'You handle refund requests. Use issue_refund when a refund is due.' },
    { role: 'user', content: `Please refund order ${input.orderId}.` },
  ];
  for (;;) {
    const message = await callModel(messages);
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const call of message.tool_calls) {
      await condition(() => approved !== undefined);
      const result = approved ? await issueRefund(input.userToken, JSON.parse(call.function.arguments)) : { error: 'a person rejected this refund' };
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
}
