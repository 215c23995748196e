// The Temporal worker: runs the workflow and its activities (the model, the refund).
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';

export async function runWorker(activities: object): Promise<void> {
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' }),
    taskQueue: process.env.TASK_QUEUE ?? 'refunds',
    workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
    activities,
  });
  await worker.run();
}

if (import.meta.main) await runWorker(await import('./activities.ts'));
