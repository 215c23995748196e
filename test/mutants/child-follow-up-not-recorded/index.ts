// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/child-follow-up-not-recorded/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-child-follow-up-not-recorded', description: 'runs the step after a child\'s answer each time the answer is handed over', parts: `${import.meta.dirname}/parts.ts` });
