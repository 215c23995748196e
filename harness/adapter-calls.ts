import type { Adapter, SuiteContext } from './adapter.js';
import { bounded } from './process/bounded.js';
import { ABORT_GRACE_MS, ADAPTER_CALL_LIMITS_MS } from './timing.js';

// An adapter's once-per-run calls, bounded like its per-case ones (run-case.ts): a
// setup or teardown that never returns must not hang a CI gate.

export function setUpAdapter(adapter: Adapter, ctx: SuiteContext, signal?: AbortSignal): Promise<void> {
  if (!adapter.setup) return Promise.resolve();
  return bounded(adapter.setup(ctx), 'setup()', { limitMs: ADAPTER_CALL_LIMITS_MS.setup, ...(signal ? { signal } : {}), graceMs: ABORT_GRACE_MS });
}

export function tearDownAdapter(adapter: Adapter): Promise<void> {
  if (!adapter.teardown) return Promise.resolve();
  return bounded(adapter.teardown(), 'teardown()', { limitMs: ADAPTER_CALL_LIMITS_MS.teardown });
}
