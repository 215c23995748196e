// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/slow-lease-renewal/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-slow-lease-renewal', description: 'renews its lease less often than the lease lasts', parts: `${import.meta.dirname}/parts.ts` });
