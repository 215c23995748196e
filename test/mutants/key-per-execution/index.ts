// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/key-per-execution/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-key-per-execution', description: 'a fresh idempotency key for every execution of a step', parts: `${import.meta.dirname}/parts.ts` });
