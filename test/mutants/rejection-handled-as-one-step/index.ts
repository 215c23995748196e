// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/rejection-handled-as-one-step/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-rejection-handled-as-one-step', description: 'records the steps of a rejection path only when all are done', parts: `${import.meta.dirname}/parts.ts` });
