// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/one-wake-up-per-run/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-one-wake-up-per-run', description: 'keeps one wake-up time per run, which a restart reads back for every pending wait', parts: `${import.meta.dirname}/parts.ts` });
