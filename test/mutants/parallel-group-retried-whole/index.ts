// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/parallel-group-retried-whole/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-parallel-group-retried-whole', description: 'retries a parallel step as a whole when one of its calls fails', parts: `${import.meta.dirname}/parts.ts` });
