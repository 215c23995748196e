// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/child-fresh-id/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-child-fresh-id', description: 'a child run started under a fresh random id', parts: `${import.meta.dirname}/parts.ts` });
