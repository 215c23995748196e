// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/refusal-swallowed/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-refusal-swallowed', description: 'records a refused call\'s error as its result and goes on', parts: `${import.meta.dirname}/parts.ts` });
