// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/gives-up-at-once/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-gives-up-at-once', description: 'fails the step on the first tool error, without retrying', parts: `${import.meta.dirname}/parts.ts` });
