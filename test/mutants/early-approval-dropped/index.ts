// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/early-approval-dropped/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-early-approval-dropped', description: 'drops an approval that came before the run waited for it', parts: `${import.meta.dirname}/parts.ts` });
