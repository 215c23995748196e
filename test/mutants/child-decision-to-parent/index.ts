// Loaded as a user's adapter is: `npx agentcheck run --adapter ./test/mutants/child-decision-to-parent/index.ts` (after `npm run build`).
import { referenceAdapter } from '../../../dist/adapters/reference/adapter.js';

// The human's decision is filed under the run the harness started, whichever run waits:
// a child's approval is answered at its parent, where nothing reads it.
export const adapter = referenceAdapter({ name: 'mutant-child-decision-to-parent', description: 'a decision delivered to the top-level run while a child run waits for it', decisionTo: (runId) => runId, traced: false });
