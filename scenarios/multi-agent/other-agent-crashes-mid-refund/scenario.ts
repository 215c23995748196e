import { defineScenario } from '../../../harness/scenario/schema.js';

export default defineScenario({
  category: 'multi-agent',
  description: "two agents work side by side; the worker dies as the shipping agent's parcel lookup answers, while the billing agent's refund is still in flight: the refund takes effect once, though the crash was in the other agent",
  plan: {
    name: 'support-desk',
    steps: [
      { kind: 'llm', id: 'triage-ticket', tokens: 600 },
      {
        kind: 'parallel',
        id: 'ask-helpers',
        branches: [
          [
            {
              kind: 'agent',
              id: 'ask-billing',
              agent: 'billing',
              plan: {
                steps: [
                  { kind: 'tool', id: 'lookup-invoice', tool: 'billing.invoice', mode: 'read' },
                  // A slow payment API: the refund is still in flight when the shipping agent's lookup answers.
                  { kind: 'tool', id: 'refund-payment', tool: 'payments.refund', mode: 'write', latencyMs: 800 },
                ],
              },
            },
          ],
          [
            {
              kind: 'agent',
              id: 'ask-shipping',
              agent: 'shipping',
              plan: {
                steps: [
                  { kind: 'tool', id: 'track-parcel', tool: 'shipping.track', mode: 'read', latencyMs: 400 },
                  { kind: 'tool', id: 'reship-order', tool: 'shipping.reship', mode: 'write' },
                ],
              },
            },
          ],
        ],
      },
      { kind: 'tool', id: 'reply-customer', tool: 'email.send', mode: 'write' },
    ],
  },
  // Both agents start together; the crash comes 400 ms in, the refund answers at 800 ms:
  // the billing agent may lag or lead the shipping one by up to 400 ms and the refund is
  // still in flight when the worker dies. Latencies stay under the adapters' 1 s call timeout.
  faults: [{ kind: 'crash-worker', step: 'track-parcel', at: 'after-effect', downtimeMs: 200 }],
});
