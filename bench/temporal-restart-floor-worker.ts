// A bare Temporal worker for Temporal's own restart floor (bench/temporal-restart-floor.ts),
// with nothing of agentcheck: the SDK started as an application starts it, the
// adapter's workflow bundle (the same interpreter, so the same replay), the adapter's
// timeouts, and activities that call nobody. Each attempt prints `attempt <step> <n>`;
// the first attempt of step `first` heartbeats and never ends: a call in flight when
// its worker is SIGKILLed. `polling` marks the first poll, as in temporal-floor-worker.ts.
import { Context } from '@temporalio/activity';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { HEARTBEAT_EVERY_MS, STICKY_SCHEDULE_TO_START } from '../adapters/temporal/settings.js';

const [address, namespace, taskQueue, bundle] = process.argv.slice(2);
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const activities = {
  async effect(input: { stepId: string }): Promise<string> {
    const ctx = Context.current();
    console.log(`attempt ${input.stepId} ${ctx.info.attempt}`);
    if (input.stepId === 'first' && ctx.info.attempt === 1) {
      setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
      await new Promise(() => undefined);
    }
    return `${input.stepId}:done`;
  },
};
const connection = await NativeConnection.connect({ address: address! });
// The bundle carries Temporal's OpenTelemetry workflow interceptors, which export through a
// sink: an untraced application gives them one that drops the spans.
const sinks = { exporter: { export: { fn: () => undefined } } };
const worker = await Worker.create({ connection, namespace: namespace!, taskQueue: taskQueue!, workflowBundle: { codePath: bundle! }, activities, sinks, stickyQueueScheduleToStartTimeout: STICKY_SCHEDULE_TO_START });
const running = worker.run();
console.log(`polling ${worker.getState()}`);
await running;
