// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/llm-results-not-journaled/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-llm-results-not-journaled', description: 'keeps model answers in memory only', parts: `${import.meta.dirname}/parts.ts` });
