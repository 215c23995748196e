// The worker for the workflow with a deadline on each approval (workflows-approval-deadline.ts);
// REFUND_WORKFLOWS=refund-after-deadline runs the known-bad variant that refunds once it ran out.
import { runWorker } from './worker.ts';

const workflows = process.env.REFUND_WORKFLOWS === 'refund-after-deadline' ? './workflows-refund-after-deadline.ts' : './workflows-approval-deadline.ts';
await runWorker(await import('./activities.ts'), workflows);
