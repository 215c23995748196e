// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/parallel-recorded-as-group/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-parallel-recorded-as-group', description: 'records the branches of a parallel group only when all are done', parts: `${import.meta.dirname}/parts.ts` });
