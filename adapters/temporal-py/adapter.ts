import type { TemporalAdapterOptions } from '../temporal/adapter.js';
import { ensurePythonVenv, pythonPackageVersions, pythonWorker } from '../python/venv.js';

/**
 * The Temporal Python SDK's worker (python/agentcheck_temporal): a Python process that
 * speaks the worker protocol (docs/protocol.md) and polls the case's task queue (with agent
 * steps, a second one polls the children's queue alone, decision 0110). The
 * rest of the adapter (server, namespace, task queues, client, history) is the temporal
 * adapter's: the Python workflow keeps its workflow type, signal and activity ids.
 */
export function pythonWorkerOptions(interpreter: 'workflow' | 'workflow-unsafe'): Pick<TemporalAdapterOptions, 'worker' | 'childQueue' | 'sdk' | 'bundle' | 'restartAllowanceMs' | 'lacks'> {
  return {
    // Python's imports and the workflow sandbox's check took seconds under load: the default 20 s is too short there.
    // Not a warm spare (decision 0098): back ~0.8 s into a wait, the worker met Temporal's ~1 s
    // latency on a fired timer (sticky queue, then a Python replay), and durable-timers could
    // not tell that from a restarted timer in 1-2 of 3 runs; started cold, it is back later.
    worker: (env) => ({ ...pythonWorker('agentcheck_temporal.worker', [interpreter], { ...env }), readyTimeoutMs: 60_000 }),
    // With agent steps, children run on `<queue>-children`, polled by a second Python worker (decision 0110).
    childQueue: true,
    async sdk() {
      await ensurePythonVenv();
      const v = await pythonPackageVersions(['temporalio']);
      return `Python SDK temporalio ${v[0]} (Python ${v.python})`;
    },
    bundle: false,
    // Measured: a Python worker is ready 0.9-6.6 s after spawn (median 3.4 s, 90th percentile 4.9 s, 171 starts) on the
    // 2-core machine under a load of 15-30: the SDK's imports and the sandbox's check of the workflow module
    // (docs/adapters/temporal-py.md).
    restartAllowanceMs: 5000,
    lacks: {
      // The Python SDK's story is temporalio.contrib.opentelemetry's TracingInterceptor; this worker does not install it yet (docs/traces.md).
      traces: "not checked yet: agentcheck's Temporal Python worker does not install temporalio.contrib.opentelemetry's TracingInterceptor",
    },
  };
}
