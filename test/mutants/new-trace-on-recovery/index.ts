// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/new-trace-on-recovery/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-new-trace-on-recovery', description: 'a resumed run starts a new trace', parts: `${import.meta.dirname}/parts.ts`, traced: true });
