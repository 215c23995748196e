// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/spans-lost-on-crash/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-spans-lost-on-crash', description: 'spans exported in batches, lost with the worker', parts: `${import.meta.dirname}/parts.ts`, traced: true });
