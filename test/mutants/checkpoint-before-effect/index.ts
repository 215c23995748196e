// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/checkpoint-before-effect/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-checkpoint-before-effect', description: 'checkpoints a step as done before its effect (at-most-once)', parts: `${import.meta.dirname}/parts.ts` });
