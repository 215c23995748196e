// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/deadline-restarts/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-deadline-restarts', description: 'starts every wait (sleep, approval timeout) afresh after a restart', parts: `${import.meta.dirname}/parts.ts` });
