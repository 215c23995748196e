import { describe, it } from 'vitest';
import { expectHangVerdicts } from './own-agent-world-faults.js';

// examples/refund-python against a world that misbehaves as real services do: a call it
// never answers (`hang`, decision 0093: the payments service applies the refund and holds
// the answer until the tool gives up after its 2 s timeout and sends it again; the model
// holds turn 2, which the openai client waits 600 s for by default), and an idempotency
// key reused for a second refund (decision 0094: refused as Stripe refuses it; that one
// waits out its deadline, so it runs in `npm run test:agent-faults` only).
describe('examples/refund-python under a hung call', () => {
  it('the keyed retry is deduplicated, the unkeyed one refunds twice, a model client with no timeout never completes', async () => {
    await expectHangVerdicts(1);
  }, 90_000);
});
