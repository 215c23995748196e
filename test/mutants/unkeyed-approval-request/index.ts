// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/unkeyed-approval-request/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-unkeyed-approval-request', description: 'asks the human again, unkeyed, after every crash during a wait', parts: `${import.meta.dirname}/parts.ts` });
