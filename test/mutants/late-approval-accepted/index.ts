// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/late-approval-accepted/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-late-approval-accepted', description: 'takes an approval that came after the timeout', parts: `${import.meta.dirname}/parts.ts` });
