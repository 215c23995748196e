// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/timeout-path-handled-as-one-step/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-timeout-path-handled-as-one-step', description: 'records the steps of the path an approval timeout chose only when all are done', parts: `${import.meta.dirname}/parts.ts` });
