// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/rejection-path-without-retries/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-rejection-path-without-retries', description: 'gives up on the first failed call of the path a rejection chose', parts: `${import.meta.dirname}/parts.ts` });
