// A known-bad variant of workflows-approval-deadline.ts (not an example to copy): when the
// deadline runs out it takes the silence as a yes and refunds anyway ("fail open").
import { agentWithDeadline } from './workflows-approval-deadline.ts';

export async function refundAgent(input: { orderId: string; userToken: string }): Promise<string> {
  return agentWithDeadline(input, 'yes');
}
