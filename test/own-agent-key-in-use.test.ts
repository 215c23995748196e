import { describe, it } from 'vitest';
import { expectKeyInUseVerdicts } from './own-agent-world-faults.js';

// examples/refund-python with a refund the payments service is still working on when the
// tool's 2 s timeout gives up (`slow`): the retry with the same key is refused 409 "key in
// use", as Stripe refuses it (decision 0103). The variant with no key runs in
// `npm run test:agent-faults` only.
describe('examples/refund-python when its retry meets the key in use', () => {
  it('a tool that tries again later gets the first answer; one that takes the 409 as final never completes', async () => {
    await expectKeyInUseVerdicts(1);
  }, 90_000);
});
