// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/fail-open-timeout/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-fail-open-timeout', description: 'treats an approval nobody answered as approved', parts: `${import.meta.dirname}/parts.ts` });
