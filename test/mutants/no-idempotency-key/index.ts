// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/no-idempotency-key/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-no-idempotency-key', description: 'writes carry no idempotency key', parts: `${import.meta.dirname}/parts.ts` });
