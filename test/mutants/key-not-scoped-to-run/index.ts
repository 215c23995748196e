// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/key-not-scoped-to-run/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-key-not-scoped-to-run', description: 'idempotency keys built from the step id alone, shared by every run', parts: `${import.meta.dirname}/parts.ts` });
