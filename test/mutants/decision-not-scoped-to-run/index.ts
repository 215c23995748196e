// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/decision-not-scoped-to-run/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-decision-not-scoped-to-run', description: 'a decision matched by the step id alone, reaching every run that waits there', parts: `${import.meta.dirname}/parts.ts` });
