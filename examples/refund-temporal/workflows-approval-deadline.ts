// The refund agent of workflows.ts with a deadline on each approval, as Temporal's docs
// teach a wait with a timeout: `condition(fn, timeout)` resolves false when it ran out.
// Each refund waits for a decision of its own (a run that asks twice is decided twice);
// when nobody decides in time, the agent tells the model so and refunds nothing.
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.ts';

const { callModel, issueRefund } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds' },
});

export const decideSignal = defineSignal<[boolean]>('decide');
/** How long a refund waits for a person: a durable timer, kept across worker restarts. */
export const APPROVAL_DEADLINE = '10 seconds';

export async function refundAgent(input: { orderId: string; userToken: string }): Promise<string> {
  return agentWithDeadline(input, 'no');
}

/** The agent; `silence` is what a deadline that ran out means: `yes` only in the known-bad workflows-refund-after-deadline.ts. */
export async function agentWithDeadline(input: { orderId: string; userToken: string }, silence: 'no' | 'yes'): Promise<string> {
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
      const decided = await condition(() => decision !== undefined, APPROVAL_DEADLINE);
      const approved = decided ? decision === true : silence === 'yes';
      // The next refund waits for a decision of its own.
      decision = undefined;
      const result = approved ? await issueRefund(input.userToken, JSON.parse(call.function.arguments)) : { error: decided ? 'a person rejected this refund' : 'nobody decided in time' };
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
}
