// The Temporal worker: runs the workflow and its activities (the model, the refund).
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';

/** Runs the workflows of `workflows` (workflows.ts unless a variant names its own) with these activities. */
export async function runWorker(activities: object, workflows = './workflows.ts'): Promise<void> {
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' }),
    taskQueue: process.env.TASK_QUEUE ?? 'refunds',
    workflowsPath: fileURLToPath(new URL(workflows, import.meta.url)),
    activities,
  });
  await worker.run();
}

if (import.meta.main) await runWorker(await import('./activities.ts'));
