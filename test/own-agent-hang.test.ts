import { describe, it } from 'vitest';
import { expectHangVerdicts } from './own-agent-hang.js';

// A call the world never answers (`hang`, decision 0093) on examples/refund-python: the
// payments service applies the refund and holds the answer until the tool gives up (its
// timeout, 2 s here) and sends it again; the model holds turn 2, which the openai client
// waits 600 s for by default.
describe('examples/refund-python under a hung call', () => {
  it('the refund hangs: the keyed retry is deduplicated, the unkeyed one refunds twice; the model hangs: the run never completes', async () => {
    await expectHangVerdicts(1);
  }, 90_000);
});
