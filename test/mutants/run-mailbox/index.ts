// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/run-mailbox/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-run-mailbox', description: 'answers each wait with the next decision of the run, whichever approval it was for', parts: `${import.meta.dirname}/parts.ts` });
