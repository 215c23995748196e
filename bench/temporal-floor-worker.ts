// A bare Temporal TypeScript worker, as an application would start one, with nothing of
// agentcheck: import the SDK, connect, create the Worker from a prebuilt workflow bundle,
// start run(), and say so. run() polls the task queue from its first step, so the line
// marks the first poll. bench/temporal-floor.ts times it from spawn.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

const [address, namespace, taskQueue, bundle] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const connection = await NativeConnection.connect({ address: address! });
const worker = await Worker.create({ connection, namespace: namespace!, taskQueue: taskQueue!, workflowBundle: { codePath: bundle! }, activities: { noop: async () => undefined } });
const running = worker.run();
console.log(`polling ${worker.getState()}`);
await running;
