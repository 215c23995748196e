// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/silent-child-replaced/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

export const adapter = referenceAdapter({ name: 'mutant-silent-child-replaced', description: 'a parent that starts a new child when its child\'s worker goes silent', parts: `${import.meta.dirname}/parts.ts` });
