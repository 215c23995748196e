// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/timer-only-fencing/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-timer-only-fencing', description: 'fences a run on its lease-renewal timer only (decision 0007, before)', parts: `${import.meta.dirname}/parts.ts` });
